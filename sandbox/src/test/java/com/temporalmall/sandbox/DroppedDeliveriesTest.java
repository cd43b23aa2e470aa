package com.temporalmall.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code sandbox.delivery.drops}: a dropped event is never attempted (the chaos of a callback lost
 * on the network), and with the default of 0 every event is.
 */
class DroppedDeliveriesTest {
  private static WebhookDelivery delivery(double drops) {
    return new WebhookDelivery(
        new SandboxProperties(
            URI.create("http://127.0.0.1:1/api/pay/callback"),
            "sandbox-test-secret-sandbox-test-secret",
            new SandboxProperties.Delivery(
                Duration.ofMillis(200),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1),
                1,
                1,
                10,
                0,
                Duration.ZERO,
                drops)),
        Clock.systemUTC());
  }

  private static final byte[] EVENT = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void aDroppedEventIsNeverAttempted() throws Exception {
    List<WebhookDelivery.Attempt> attempts = new CopyOnWriteArrayList<>();
    try (WebhookDelivery dropping = delivery(1)) {
      WebhookDelivery.Attempt first =
          dropping.reserve().orElseThrow().deliver(EVENT, attempts::add).get(10, TimeUnit.SECONDS);

      assertThat(first).isEqualTo(new WebhookDelivery.Attempt(0, 0));
      assertThat(first.delivered()).isFalse();
      assertThat(attempts).isEmpty();
    }
  }

  @Test
  void withNoDropsTheEventIsAttempted() throws Exception {
    List<WebhookDelivery.Attempt> attempts = new CopyOnWriteArrayList<>();
    try (WebhookDelivery delivering = delivery(0)) {
      WebhookDelivery.Attempt first =
          delivering
              .reserve()
              .orElseThrow()
              .deliver(EVENT, attempts::add)
              .get(10, TimeUnit.SECONDS);

      assertThat(first.number()).as("nobody listens on port 1: one failed attempt").isEqualTo(1);
      assertThat(attempts).containsExactly(first);
    }
  }
}
