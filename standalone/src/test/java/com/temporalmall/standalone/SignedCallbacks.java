package com.temporalmall.standalone;

import com.temporalmall.webhook.WebhookSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends {@code /api/pay/callback} as the payment provider does - a signed event - or as someone who
 * is not the provider tries to. {@code secret} is the embedded default's {@code
 * mall.pay.webhook-secret}.
 */
record SignedCallbacks(String baseUrl, String secret) {
  private static final AtomicLong EVENTS = new AtomicLong();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** A fresh event id, unique within this JVM. */
  static String newEventId() {
    return "evt_test" + System.nanoTime() + "_" + EVENTS.incrementAndGet();
  }

  /** The provider's {@code checkout.captured} event of {@code checkout}, for pay {@code payId}. */
  static String captured(
      String eventId, String checkout, long payId, long amount, String currency) {
    return """
        {"id":"%s","type":"checkout.captured","checkout":"%s","reference":%d,\
        "amount":%d,"currency":"%s","created":%d}"""
        .formatted(eventId, checkout, payId, amount, currency, Instant.now().getEpochSecond());
  }

  static String captured(String eventId, String checkout, long payId, long amount) {
    return captured(eventId, checkout, payId, amount, "CNY");
  }

  /**
   * The buyer pays {@code checkout} at the embedded default's sandbox provider, which delivers its
   * signed event to the mall before it answers.
   */
  HttpResponse<String> payAtSandbox(String checkout) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/v1/checkouts/" + checkout + "/pay"))
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return send(request);
  }

  /** The embedded default's sandbox provider's books ({@code GET /sandbox/v1/ledger}). */
  HttpResponse<String> sandboxLedger() {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/v1/ledger"))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build());
  }

  /** The sandbox's checkout {@code checkout}, its events included. */
  HttpResponse<String> sandboxCheckout(String checkout) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/sandbox/v1/checkouts/" + checkout))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build());
  }

  /** The signature header the provider would send for {@code body} now. */
  String signatureOf(String body) {
    return signatureOf(body, Instant.now());
  }

  String signatureOf(String body, Instant at) {
    return new WebhookSignature(secret, Duration.ofMinutes(5))
        .sign(body.getBytes(StandardCharsets.UTF_8), at);
  }

  /** Delivers {@code body} signed now, as the provider does. */
  HttpResponse<String> deliver(String body) {
    return send(body, signatureOf(body), null);
  }

  /** Sends {@code body} with the given signature header and bearer token (each may be null). */
  HttpResponse<String> send(String body, String signature, String bearer) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/pay/callback"))
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header(WebhookSignature.HEADER, signature);
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request.build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
