package com.temporalmall.api.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Request ids of the endpoints that take an {@link IdempotencyKey}, with the fingerprint that tells
 * a retry from a different request reusing the key: HMAC-SHA256, under a key derived from {@code
 * mall.jwt.secret}, of the caller-scoped key and the request's canonical form (the validated
 * request record, so JSON field order and spacing do not matter). Keyed, because a register request
 * holds a password and the fingerprint is kept in the workflow's memo.
 */
@Component
public class IdempotencyKeys {
  private static final String HMAC = "HmacSHA256";
  private final SecretKeySpec key;

  public IdempotencyKeys(JwtProperties jwt) {
    this.key =
        new SecretKeySpec(
            hmac(
                new SecretKeySpec(jwt.secret().getBytes(StandardCharsets.UTF_8), HMAC),
                "temporal-mall idempotency-key fingerprints"),
            HMAC);
  }

  /**
   * The request id of {@code request} under the {@code Idempotency-Key} header (null: none), scoped
   * to {@code scope} (the caller).
   */
  public IdempotencyKey.RequestId of(String header, String scope, Record request) {
    IdempotencyKey.RequestId id = IdempotencyKey.of(header, scope);
    if (!id.keyed()) {
      return id;
    }
    return new IdempotencyKey.RequestId(
        id.value(), true, HexFormat.of().formatHex(hmac(key, id.value() + "\n" + request)));
  }

  private static byte[] hmac(SecretKeySpec key, String message) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
