package com.temporalmall.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  private static final String SECRET = "a-test-secret-of-at-least-32-bytes!!";
  private static final Instant NOW = Instant.ofEpochSecond(1_796_129_118L);
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"type\":\"checkout.captured\",\"reference\":7,\"amount\":1999}"
          .getBytes(StandardCharsets.UTF_8);

  private final WebhookSignature signature = new WebhookSignature(SECRET, Duration.ofMinutes(5));

  @Test
  void aSignatureOfTheBodyVerifies() {
    String header = signature.sign(BODY, NOW);

    assertThat(header).matches("t=1796129118,v1=[0-9a-f]{64}");
    assertThatCode(() -> signature.verify(header, BODY, NOW.plusSeconds(299)))
        .doesNotThrowAnyException();
  }

  @Test
  void isStripesSchemeOverTimestampDotBody() {
    // HMAC-SHA256(secret, "<t>.<body>") computed apart from the class under test
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    assertThat(signature.sign(body, NOW))
        .isEqualTo("t=1796129118,v1=" + HmacForTest.hex(SECRET, "1796129118.{\"a\":1}"));
  }

  @Test
  void aForgedBodyIsRefused() {
    String header = signature.sign(BODY, NOW);
    byte[] forged =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("1999", "1")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> signature.verify(header, forged, NOW))
        .isInstanceOf(WebhookSignature.Invalid.class)
        .hasMessageContaining("no signature matches");
  }

  @Test
  void aSignatureWithAnotherSecretIsRefused() {
    String header =
        new WebhookSignature("another-secret-of-at-least-32-bytes!!", Duration.ofMinutes(5))
            .sign(BODY, NOW);

    assertThatThrownBy(() -> signature.verify(header, BODY, NOW))
        .isInstanceOf(WebhookSignature.Invalid.class)
        .hasMessageContaining("no signature matches");
  }

  @Test
  void aStaleSignatureIsRefused() {
    String header = signature.sign(BODY, NOW);

    assertThatThrownBy(() -> signature.verify(header, BODY, NOW.plusSeconds(301)))
        .isInstanceOf(WebhookSignature.Invalid.class)
        .hasMessageContaining("tolerance");
  }

  @Test
  void aSignatureTooFarInTheFutureIsRefused() {
    String header = signature.sign(BODY, NOW.plusSeconds(301));

    assertThatThrownBy(() -> signature.verify(header, BODY, NOW))
        .isInstanceOf(WebhookSignature.Invalid.class)
        .hasMessageContaining("tolerance");
  }

  @Test
  void anUnsignedRequestIsRefused() {
    assertThatThrownBy(() -> signature.verify(null, BODY, NOW))
        .isInstanceOf(WebhookSignature.Invalid.class)
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> signature.verify(" ", BODY, NOW))
        .isInstanceOf(WebhookSignature.Invalid.class)
        .hasMessageContaining("missing");
  }

  @Test
  void aMalformedHeaderIsRefused() {
    String v1 = signature.sign(BODY, NOW).substring("t=1796129118,".length());
    for (String header :
        new String[] {
          "garbage",
          "t=1796129118",
          v1,
          "t=soon," + v1,
          "t=-1," + v1,
          "t=1796129118,t=1796129118," + v1,
          "t=1796129118,v1=abc",
          "t=1796129118,v1=" + "z".repeat(64),
          "t=1796129118,=x," + v1
        }) {
      assertThatThrownBy(() -> signature.verify(header, BODY, NOW))
          .as(header)
          .isInstanceOf(WebhookSignature.Invalid.class);
    }
  }

  @Test
  void oneValidAmongSeveralV1Passes() {
    String header = signature.sign(BODY, NOW);
    String t = header.substring(0, header.indexOf(','));
    String valid = header.substring(header.indexOf(',') + 1);
    String other = "v1=" + "0".repeat(64);

    assertThatCode(() -> signature.verify(t + "," + other + "," + valid, BODY, NOW))
        .doesNotThrowAnyException();
    assertThatCode(() -> signature.verify(t + "," + valid + ",v0=old," + other, BODY, NOW))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> signature.verify(t + "," + other + "," + other, BODY, NOW))
        .isInstanceOf(WebhookSignature.Invalid.class);
  }

  @Test
  void aShortSecretIsRefusedAtStart() {
    assertThatThrownBy(() -> new WebhookSignature("short", Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WebhookSignature(null, Duration.ofMinutes(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** An independent HMAC-SHA256, to check the wire format rather than the class against itself. */
  private static final class HmacForTest {
    static String hex(String secret, String message) {
      try {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(
            new javax.crypto.spec.SecretKeySpec(
                secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of()
            .formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
