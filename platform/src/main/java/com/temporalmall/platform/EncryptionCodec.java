package com.temporalmall.platform;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts every payload (workflow and activity inputs, results, failures' details) with
 * AES-256-GCM before it leaves the process, so user data (names, mobiles, password hashes) is
 * ciphertext in Temporal's histories. Payloads it did not encrypt pass through on decode.
 */
public class EncryptionCodec implements PayloadCodec {
  static final ByteString ENCODING = ByteString.copyFromUtf8("binary/encrypted");
  static final String KEY_ID = "encryption-key-id";
  private static final int NONCE_BYTES = 12;

  private final SecretKey key;
  private final String keyId;
  private final SecureRandom random = new SecureRandom();

  public EncryptionCodec(byte[] key, String keyId) {
    if (key.length != 32) {
      throw new IllegalArgumentException(
          "mall.codec.key must be 32 bytes (base64), was " + key.length);
    }
    this.key = new SecretKeySpec(key, "AES");
    this.keyId = keyId;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      return Payload.newBuilder()
          .putMetadata("encoding", ENCODING)
          .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
          .setData(ByteString.copyFrom(nonce).concat(ByteString.copyFrom(sealed)))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException(e);
    }
  }

  private Payload decrypt(Payload payload) {
    if (!ENCODING.equals(payload.getMetadataMap().get("encoding"))) {
      return payload;
    }
    String payloadKey =
        payload
            .getMetadataMap()
            .getOrDefault(KEY_ID, ByteString.EMPTY)
            .toString(StandardCharsets.UTF_8);
    if (!keyId.equals(payloadKey)) {
      throw new PayloadCodecException(
          "payload encrypted with key '" + payloadKey + "', this process has '" + keyId + "'");
    }
    try {
      byte[] data = payload.getData().toByteArray();
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, data, 0, NONCE_BYTES));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException(e);
    }
  }
}
