package com.temporalmall.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payment provider's signature of a webhook (Stripe's scheme): header {@value #HEADER} {@code
 * t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>}. The provider signs every
 * delivery; the mall accepts one only if a {@code v1} matches (compared in constant time, with
 * {@link MessageDigest#isEqual}) and {@code t} is within the tolerance of its clock, either way -
 * so a captured delivery cannot be replayed later. Several {@code v1} values may be sent (a
 * provider rolling its secret signs with both): one that matches is enough.
 *
 * <p>The secret comes from the environment and is at least {@value #MIN_SECRET_BYTES} bytes.
 */
public final class WebhookSignature {
  /** The request header that carries the signature. */
  public static final String HEADER = "Mall-Pay-Signature";

  public static final int MIN_SECRET_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private final SecretKeySpec key;
  private final Duration tolerance;

  /**
   * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes in UTF-8
   * @param tolerance how far a signature's timestamp may be from now, in the past or the future
   */
  public WebhookSignature(String secret, Duration tolerance) {
    if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(
          "the webhook secret must be at least " + MIN_SECRET_BYTES + " bytes");
    }
    if (tolerance.isNegative()) {
      throw new IllegalArgumentException("the tolerance must not be negative: " + tolerance);
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    this.tolerance = tolerance;
  }

  /** The {@value #HEADER} value for {@code body} sent at {@code at}. */
  public String sign(byte[] body, Instant at) {
    long t = at.getEpochSecond();
    return "t=" + t + ",v1=" + HEX.formatHex(mac(t, body));
  }

  /**
   * Checks {@code header} (the {@value #HEADER} value, may be null) against the raw {@code body} at
   * {@code now}.
   *
   * @throws Invalid with the reason when the header is missing or malformed, its timestamp is out
   *     of tolerance, or no {@code v1} matches
   */
  public void verify(String header, byte[] body, Instant now) {
    if (header == null || header.isBlank()) {
      throw new Invalid("the " + HEADER + " header is missing");
    }
    Long t = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : header.split(",", -1)) {
      int eq = part.indexOf('=');
      if (eq < 1) {
        throw new Invalid("the " + HEADER + " header is malformed");
      }
      String name = part.substring(0, eq).strip();
      String value = part.substring(eq + 1).strip();
      switch (name) {
        case "t" -> {
          if (t != null || !value.matches("[0-9]{1,12}")) {
            throw new Invalid("the " + HEADER + " header's timestamp is malformed");
          }
          t = Long.parseLong(value);
        }
        case "v1" -> {
          if (!value.matches("[0-9a-fA-F]{64}")) {
            throw new Invalid("the " + HEADER + " header's v1 is malformed");
          }
          signatures.add(HEX.parseHex(value.toLowerCase(java.util.Locale.ROOT)));
        }
        default -> {
          // Other schemes (v0, a future v2) are ignored, as Stripe's clients do.
        }
      }
    }
    if (t == null || signatures.isEmpty()) {
      throw new Invalid("the " + HEADER + " header needs a t and a v1");
    }
    Duration age = Duration.between(Instant.ofEpochSecond(t), now).abs();
    if (age.compareTo(tolerance) > 0) {
      throw new Invalid(
          "the signature's timestamp is "
              + age.toSeconds()
              + " s away from now, more than the tolerance of "
              + tolerance.toSeconds()
              + " s");
    }
    byte[] expected = mac(t, body);
    boolean matched = false;
    for (byte[] signature : signatures) {
      matched |= MessageDigest.isEqual(expected, signature);
    }
    if (!matched) {
      throw new Invalid("no signature matches the body");
    }
  }

  private byte[] mac(long t, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }

  /** A webhook whose signature does not prove it came from the provider; the reason says why. */
  public static final class Invalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Invalid(String reason) {
      super(reason);
    }
  }
}
