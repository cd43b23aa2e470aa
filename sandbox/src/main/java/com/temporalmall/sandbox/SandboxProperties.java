package com.temporalmall.sandbox;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox provider's settings ({@code sandbox.*}).
 *
 * @param webhookUrl where events are delivered ({@code sandbox.webhook-url}, default the mall's
 *     callback on localhost:8080)
 * @param webhookSecret the secret events are signed with ({@code sandbox.webhook-secret},
 *     SANDBOX_WEBHOOK_SECRET, at least 32 bytes: the mall's MALL_PAY_WEBHOOK_SECRET)
 * @param delivery how events are delivered and retried
 */
@ConfigurationProperties("sandbox")
public record SandboxProperties(
    @DefaultValue("http://localhost:8080/api/pay/callback") URI webhookUrl,
    String webhookSecret,
    @DefaultValue Delivery delivery) {

  /**
   * How events are delivered and retried ({@code sandbox.delivery.*}).
   *
   * @param connectTimeout to connect to the webhook URL
   * @param requestTimeout for one delivery attempt's answer
   * @param initialBackoff the wait before the first retry; it doubles after each failed attempt
   * @param maxBackoff the longest wait between two attempts
   * @param maxAttempts attempts before an event is given up (with the defaults, about 17 minutes of
   *     retrying)
   * @param threads deliveries in flight at once (a bounded pool)
   * @param maxPending events waiting for delivery; beyond it a payment is refused before anything
   *     changes (503 with Retry-After, the checkout stays open)
   * @param duplicates chaos: each delivered event is delivered this many times more (default 0)
   * @param delay chaos: each event's first attempt waits this long (default 0; then a capture
   *     answers without waiting for it)
   * @param drops chaos: the share of events, from 0 to 1, that are never delivered (default 0; 1:
   *     none is - the merchant learns of a capture only by asking, {@code GET /checkouts/{id}})
   */
  public record Delivery(
      @DefaultValue("2s") Duration connectTimeout,
      @DefaultValue("10s") Duration requestTimeout,
      @DefaultValue("1s") Duration initialBackoff,
      @DefaultValue("60s") Duration maxBackoff,
      @DefaultValue("20") int maxAttempts,
      @DefaultValue("4") int threads,
      @DefaultValue("10000") int maxPending,
      @DefaultValue("0") int duplicates,
      @DefaultValue("0s") Duration delay,
      @DefaultValue("0") double drops) {}
}
