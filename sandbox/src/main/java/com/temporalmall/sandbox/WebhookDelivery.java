package com.temporalmall.sandbox;

import com.temporalmall.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to the merchant's webhook URL as a real provider does: each attempt signed afresh
 * ({@value WebhookSignature#HEADER}), retried on anything but a 2xx - a refusal, a timeout, a
 * connection that failed - with a doubling backoff (1 s, 2 s, ... at most 60 s by default) up to a
 * bounded number of attempts, on a bounded pool, with connect and request timeouts.
 */
public class WebhookDelivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

  /** What one attempt came to: its number and the HTTP status it got (0: none). */
  public record Attempt(int number, int status) {
    public boolean delivered() {
      return status >= 200 && status < 300;
    }
  }

  private final SandboxProperties.Delivery settings;
  private final WebhookSignature signature;
  private final HttpClient http;
  private final ScheduledExecutorService pool;
  private final Semaphore pending;
  private final Clock clock;
  private volatile URI target;

  public WebhookDelivery(SandboxProperties properties, Clock clock) {
    this.settings = properties.delivery();
    this.signature = new WebhookSignature(properties.webhookSecret(), Duration.ofMinutes(5));
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.pool = new ScheduledThreadPoolExecutor(settings.threads());
    this.pending = new Semaphore(settings.maxPending());
    this.clock = clock;
    this.target = properties.webhookUrl();
  }

  /** Where events go from now on (the embedded default points it at its own port). */
  public void target(URI webhookUrl) {
    this.target = webhookUrl;
  }

  public URI target() {
    return target;
  }

  /**
   * A place among the {@code sandbox.delivery.max-pending} events waiting for delivery, taken
   * before the event exists: what would need it (a capture) is refused while none is free, so
   * nothing is captured whose event could not be queued. Used once, by {@link #deliver}.
   */
  public final class Slot {
    private boolean used;

    private Slot() {}

    /**
     * Delivers {@code body} until the merchant answers 2xx or the attempts run out, telling {@code
     * progress} after each attempt; the slot is free again once it ends either way.
     *
     * @return completes when the first attempt has finished (after {@code sandbox.delivery.delay});
     *     at once with attempt 0 for an event that {@code sandbox.delivery.drops} drops
     */
    public synchronized CompletableFuture<Attempt> deliver(
        byte[] body, Consumer<Attempt> progress) {
      if (used) {
        throw new IllegalStateException("a delivery slot carries one event");
      }
      used = true;
      if (settings.drops() > 0 && ThreadLocalRandom.current().nextDouble() < settings.drops()) {
        pending.release();
        log.info("chaos: an event for {} is dropped, never delivered", target);
        return CompletableFuture.completedFuture(new Attempt(0, 0));
      }
      CompletableFuture<Attempt> first = new CompletableFuture<>();
      schedule(body, 1, settings.delay(), progress, first);
      return first;
    }
  }

  /** A free delivery slot, or empty when {@code sandbox.delivery.max-pending} events wait. */
  public Optional<Slot> reserve() {
    return pending.tryAcquire() ? Optional.of(new Slot()) : Optional.empty();
  }

  private void schedule(
      byte[] body,
      int number,
      Duration wait,
      Consumer<Attempt> progress,
      CompletableFuture<Attempt> first) {
    ScheduledFuture<?> _ =
        pool.schedule(
            () -> attempt(body, number, progress, first), wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void attempt(
      byte[] body, int number, Consumer<Attempt> progress, CompletableFuture<Attempt> first) {
    Attempt attempt = new Attempt(number, post(body));
    try {
      progress.accept(attempt);
    } finally {
      first.complete(attempt);
    }
    if (attempt.delivered()) {
      pending.release();
      for (int i = 0; i < settings.duplicates(); i++) {
        CompletableFuture<?> _ =
            CompletableFuture.runAsync(() -> post(body), pool); // chaos: the same event again
      }
    } else if (number >= settings.maxAttempts()) {
      pending.release();
      log.warn("gave up delivering an event to {} after {} attempts", target, number);
    } else {
      schedule(body, number + 1, backoff(number), progress, first);
    }
  }

  /** The wait after failed attempt {@code number}: initial x 2^(number-1), at most the maximum. */
  Duration backoff(int number) {
    Duration wait = settings.initialBackoff();
    for (int i = 1; i < number && wait.compareTo(settings.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
  }

  /** One signed POST; its HTTP status, or 0 when it got no answer. */
  private int post(byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(target)
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header(WebhookSignature.HEADER, signature.sign(body, clock.instant()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      log.info("delivered an event to {}: {}", target, status);
      return status;
    } catch (IOException e) {
      log.info("delivering an event to {} failed: {}", target, e.toString());
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    http.close();
  }
}
