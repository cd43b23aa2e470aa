package com.temporalmall.activities.pay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.temporalmall.workflows.MallFailures;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The provider's HTTP API ({@code mall.pay.provider-url}, e.g. the sandbox's {@code /sandbox/v1}):
 * {@code POST /checkouts} and {@code POST /checkouts/{id}/refunds} with the Idempotency-Key header,
 * and {@code GET /checkouts/{id}}, with connect and request timeouts. A provider that is down or
 * slow is {@link PaymentProvider.Unavailable}, and so is one that is overloaded when a checkout
 * opens; any other failure is thrown as it is. Either way the activity is retried by Temporal.
 */
public class HttpPaymentProvider implements PaymentProvider {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final Duration requestTimeout;
  private final String currency;
  private volatile URI baseUrl;

  public HttpPaymentProvider(
      URI baseUrl, Duration connectTimeout, Duration requestTimeout, String currency) {
    this.baseUrl = baseUrl;
    this.requestTimeout = requestTimeout;
    this.currency = currency;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Where the provider is from now on (the embedded default points it at its own port). */
  public void baseUrl(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  @Override
  public String openCheckout(String idempotencyKey, long reference, long amount) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reference", reference);
    body.put("amount", amount);
    body.put("currency", currency);
    HttpResponse<String> answer =
        send(
            postJson(URI.create(baseUrl + "/checkouts"), idempotencyKey, body),
            "opening a checkout");
    if (answer.statusCode() >= 500 || answer.statusCode() == 429) {
      throw new Unavailable(
          "the payment provider answered " + answer.statusCode() + ": " + answer.body(), null);
    }
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the payment provider answered " + answer.statusCode() + ": " + answer.body());
    }
    String id = json(answer).path("id").asText("");
    if (id.isEmpty() || id.length() > 64) {
      throw new IllegalStateException("the payment provider answered no checkout id");
    }
    return id;
  }

  /** The provider's answer to a refund of a checkout refunded in full before (409). */
  static final String ALREADY_REFUNDED = "already_refunded";

  @Override
  public String refund(String idempotencyKey, String checkout, long amount) {
    URI refunds =
        URI.create(
            baseUrl
                + "/checkouts/"
                + URLEncoder.encode(checkout, StandardCharsets.UTF_8)
                + "/refunds");
    HttpResponse<String> answer =
        send(postJson(refunds, idempotencyKey, Map.of("amount", amount)), "refunding " + checkout);
    if (answer.statusCode() == 409 && ALREADY_REFUNDED.equals(errorOf(answer.body()))) {
      return null;
    }
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the payment provider refused the refund of "
              + checkout
              + ": "
              + answer.statusCode()
              + " "
              + answer.body());
    }
    JsonNode refund = json(answer);
    String id = refund.path("id").asText("");
    if (id.isEmpty() || id.length() > 64) {
      throw new IllegalStateException("the payment provider answered no refund id");
    }
    if (!"succeeded".equals(refund.path("status").asText())) {
      throw new IllegalStateException(
          "refund " + id + " of " + checkout + " is " + refund.path("status").asText());
    }
    return id;
  }

  /** The {@code error} of a provider's error body, or null when it has none. */
  private static String errorOf(String body) {
    try {
      return JSON.readTree(body).path("error").asText(null);
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Checkout ids as providers issue them ({@code co_...}); anything else is never sent. */
  private static final Pattern CHECKOUT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The capture event's type in a checkout's {@code events}. */
  static final String CAPTURED_EVENT = "checkout.captured";

  @Override
  public ProviderCheckout checkout(String id) {
    if (id == null || !CHECKOUT_ID.matcher(id).matches()) {
      throw MallFailures.invalidRequest("not a checkout id: " + id);
    }
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/checkouts/" + id)).GET(),
            "asking about checkout " + id);
    if (answer.statusCode() == 404) {
      throw MallFailures.notFound("the payment provider knows no checkout " + id);
    }
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the payment provider answered " + answer.statusCode() + ": " + answer.body());
    }
    JsonNode checkout = json(answer);
    if (!id.equals(checkout.path("id").asText(""))
        || !checkout.path("reference").canConvertToLong()
        || !checkout.path("amount").canConvertToLong()) {
      throw new IllegalStateException("the payment provider answered no checkout " + id);
    }
    // Captured once its capture event exists, whatever it became since (e.g. refunded).
    String captureEvent = null;
    for (JsonNode event : checkout.path("events")) {
      if (CAPTURED_EVENT.equals(event.path("type").asText())) {
        captureEvent = event.path("id").asText(null);
        break;
      }
    }
    if (captureEvent == null && "captured".equals(checkout.path("status").asText())) {
      throw new IllegalStateException("checkout " + id + " is captured with no capture event");
    }
    return new ProviderCheckout(
        id,
        checkout.path("reference").asLong(),
        checkout.path("amount").asLong(),
        checkout.path("currency").asText(""),
        captureEvent);
  }

  private static HttpRequest.Builder postJson(URI uri, String idempotencyKey, Object body) {
    try {
      return HttpRequest.newBuilder(uri)
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", idempotencyKey)
          .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + body + " as JSON", e);
    }
  }

  /**
   * Sends with the request timeout. A provider refused, reset, or silent past the connect or
   * request timeout is {@link Unavailable}, whatever was being done: retried by Temporal.
   */
  private HttpResponse<String> send(HttpRequest.Builder request, String doing) {
    try {
      return http.send(
          request.timeout(requestTimeout).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable(
          "the payment provider cannot be reached at " + baseUrl + " while " + doing + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + doing, e);
    }
  }

  private static JsonNode json(HttpResponse<String> answer) {
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException("the payment provider answered no JSON: " + answer.body(), e);
    }
  }

  @Override
  public String currency() {
    return currency;
  }
}
