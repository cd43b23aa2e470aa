package com.temporalmall.activities.pay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The provider's HTTP API ({@code mall.pay.provider-url}, e.g. the sandbox's {@code /sandbox/v1}):
 * {@code POST /checkouts} with the Idempotency-Key header, connect and request timeouts. A provider
 * that is down, slow or overloaded is {@link PaymentProvider.Unavailable}; any other failure is
 * thrown as it is. Either way the activity is retried by Temporal, a bounded number of times.
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
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(baseUrl + "/checkouts"))
              .timeout(requestTimeout)
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .header("Idempotency-Key", idempotencyKey)
              .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
              .build();
      HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() >= 500 || answer.statusCode() == 429) {
        throw new Unavailable(
            "the payment provider answered " + answer.statusCode() + ": " + answer.body(), null);
      }
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            "the payment provider answered " + answer.statusCode() + ": " + answer.body());
      }
      JsonNode checkout = JSON.readTree(answer.body());
      String id = checkout.path("id").asText("");
      if (id.isEmpty() || id.length() > 64) {
        throw new IllegalStateException("the payment provider answered no checkout id");
      }
      return id;
    } catch (IOException e) {
      // refused, reset, or no answer within the connect or request timeout
      throw new Unavailable("the payment provider cannot be reached at " + baseUrl + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening a checkout", e);
    }
  }
}
