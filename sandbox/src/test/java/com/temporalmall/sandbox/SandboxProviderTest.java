package com.temporalmall.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.sun.net.httpserver.HttpServer;
import com.temporalmall.webhook.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sandbox provider against a merchant stub that refuses its first two deliveries: the event is
 * retried until acknowledged, every attempt signed for the bytes it carries; checkouts and refunds
 * are idempotent under a key, a refund never exceeds the capture, and the ledger lists both.
 */
@SpringBootTest(
    classes = SandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sandbox.webhook-secret=" + SandboxProviderTest.SECRET,
      "sandbox.delivery.initial-backoff=20ms",
      "sandbox.delivery.max-backoff=100ms"
    })
class SandboxProviderTest {
  static final String SECRET = "sandbox-test-secret-sandbox-test-secret";

  /** A merchant that answers 503 to its first two deliveries, then 200. */
  static final HttpServer MERCHANT;

  static final Queue<String[]> RECEIVED = new ConcurrentLinkedQueue<>();
  static final AtomicInteger REFUSE = new AtomicInteger();

  static {
    try {
      MERCHANT = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    MERCHANT.createContext(
        "/api/pay/callback",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          RECEIVED.add(
              new String[] {exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body});
          int status = REFUSE.getAndDecrement() > 0 ? 503 : 200;
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    MERCHANT.start();
  }

  @AfterAll
  static void stopMerchant() {
    MERCHANT.stop(0);
  }

  @DynamicPropertySource
  static void merchant(DynamicPropertyRegistry registry) {
    registry.add(
        "sandbox.webhook-url",
        () -> "http://127.0.0.1:" + MERCHANT.getAddress().getPort() + "/api/pay/callback");
  }

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonMapper json = JsonMapper.builder().build();

  private JsonNode call(String method, String path, String body, String idempotencyKey)
      throws Exception {
    HttpResponse<String> answer = send(method, path, body, idempotencyKey);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private HttpResponse<String> send(String method, String path, String body, String idempotencyKey)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/v1" + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A captured checkout of {@code amount} opened under {@code key}: its id. */
  private String capturedCheckout(long reference, long amount, String key) throws Exception {
    String id =
        call(
                "POST",
                "/checkouts",
                "{\"reference\":" + reference + ",\"amount\":" + amount + ",\"currency\":\"CNY\"}",
                key)
            .get("id")
            .asString();
    assertThat(call("POST", "/checkouts/" + id + "/pay", null, null).get("status").asString())
        .isEqualTo("captured");
    return id;
  }

  /** The ledger's entries of checkout {@code id}, as "kind id amount key". */
  private List<String> ledgerOf(String id) throws Exception {
    List<String> entries = new java.util.ArrayList<>();
    for (JsonNode entry : call("GET", "/ledger", null, null).get("entries")) {
      if (entry.get("checkout").asString().equals(id)) {
        assertThat(entry.get("currency").asString()).isEqualTo("CNY");
        entries.add(
            entry.get("kind").asString()
                + " "
                + entry.get("id").asString()
                + " "
                + entry.get("amount").asLong()
                + " "
                + entry.get("idempotencyKey").asString(""));
      }
    }
    return entries;
  }

  @Test
  void aCapturedCheckoutIsRefundedOnceUnderAKeyAndTheLedgerShowsCaptureAndRefund()
      throws Exception {
    String open =
        call("POST", "/checkouts", "{\"reference\":50,\"amount\":300,\"currency\":\"CNY\"}", null)
            .get("id")
            .asString();
    HttpResponse<String> notCaptured = send("POST", "/checkouts/" + open + "/refunds", null, "k0");
    assertThat(notCaptured.statusCode()).isEqualTo(409);
    assertThat(json.readTree(notCaptured.body()).get("error").asString())
        .isEqualTo(Refunds.NOT_CAPTURED);
    assertThat(send("POST", "/checkouts/co_unknown/refunds", null, "k0").statusCode())
        .isEqualTo(404);

    String id = capturedCheckout(51, 300, "pay-gid-51");
    JsonNode refund = call("POST", "/checkouts/" + id + "/refunds", null, "refund-51");
    JsonNode retried = call("POST", "/checkouts/" + id + "/refunds", null, "refund-51");
    HttpResponse<String> anotherKey = send("POST", "/checkouts/" + id + "/refunds", null, "k2");

    assertThat(refund.get("id").asString()).startsWith("re_");
    assertThat(refund.get("status").asString()).isEqualTo("succeeded");
    assertThat(refund.get("amount").asLong()).isEqualTo(300);
    assertThat(refund.get("reference").asLong()).isEqualTo(51);
    assertThat(retried).isEqualTo(refund);
    assertThat(anotherKey.statusCode()).isEqualTo(409);
    assertThat(json.readTree(anotherKey.body()).get("error").asString())
        .isEqualTo(Refunds.ALREADY_REFUNDED);
    assertThat(ledgerOf(id))
        .containsExactly(
            "capture " + id + " 300 pay-gid-51",
            "refund " + refund.get("id").asString() + " 300 refund-51");
    assertThat(ledgerOf(open)).as("an open checkout is not in the books").isEmpty();
  }

  @Test
  void aRefundCannotExceedWhatWasCapturedAndAKeyBelongsToOneRefund() throws Exception {
    String id = capturedCheckout(60, 500, null);

    HttpResponse<String> tooMuch =
        send("POST", "/checkouts/" + id + "/refunds", "{\"amount\":501}", "k-60-a");
    assertThat(tooMuch.statusCode()).isEqualTo(409);
    assertThat(json.readTree(tooMuch.body()).get("error").asString())
        .isEqualTo(Refunds.AMOUNT_TOO_LARGE);
    assertThat(
            send("POST", "/checkouts/" + id + "/refunds", "{\"amount\":0}", "k-60-a").statusCode())
        .isEqualTo(400);

    JsonNode part = call("POST", "/checkouts/" + id + "/refunds", "{\"amount\":200}", "k-60-a");
    HttpResponse<String> reused =
        send("POST", "/checkouts/" + id + "/refunds", "{\"amount\":300}", "k-60-a");
    JsonNode rest = call("POST", "/checkouts/" + id + "/refunds", null, "k-60-b");

    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(json.readTree(reused.body()).get("error").asString()).isEqualTo(Refunds.KEY_REUSED);
    assertThat(rest.get("amount").asLong()).as("what was left").isEqualTo(300);
    assertThat(ledgerOf(id))
        .containsExactly(
            "capture " + id + " 500 ",
            "refund " + part.get("id").asString() + " 200 k-60-a",
            "refund " + rest.get("id").asString() + " 300 k-60-b");
  }

  @Test
  void theSameKeyOpensTheSameCheckout() throws Exception {
    String request = "{\"reference\":7,\"amount\":1999,\"currency\":\"CNY\"}";

    JsonNode first = call("POST", "/checkouts", request, "pay-gid-7");
    JsonNode again = call("POST", "/checkouts", request, "pay-gid-7");
    JsonNode other = call("POST", "/checkouts", request, "pay-gid-8");

    assertThat(first.get("id").asString()).startsWith("co_");
    assertThat(first.get("status").asString()).isEqualTo("open");
    assertThat(again.get("id")).isEqualTo(first.get("id"));
    assertThat(other.get("id")).isNotEqualTo(first.get("id"));
    assertThat(call("GET", "/checkouts/" + first.get("id").asString(), null, null).get("amount"))
        .hasToString("1999");
  }

  @Test
  void aCapturedCheckoutsEventIsRetriedUntilAcknowledgedAndSignedEachTime() throws Exception {
    RECEIVED.clear();
    REFUSE.set(2);
    String id =
        call("POST", "/checkouts", "{\"reference\":42,\"amount\":450,\"currency\":\"CNY\"}", null)
            .get("id")
            .asString();

    JsonNode paid = call("POST", "/checkouts/" + id + "/pay", null, null);

    assertThat(paid.get("status").asString()).isEqualTo("captured");
    assertThat(paid.get("events").get(0).get("attempts").asInt())
        .as("answered after the first attempt")
        .isEqualTo(1);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                call("GET", "/checkouts/" + id, null, null)
                    .get("events")
                    .get(0)
                    .get("delivered")
                    .asBoolean());
    JsonNode event = call("GET", "/checkouts/" + id, null, null).get("events").get(0);
    assertThat(event.get("attempts").asInt()).isEqualTo(3);
    assertThat(event.get("lastStatus").asInt()).isEqualTo(200);

    List<String[]> deliveries = List.copyOf(RECEIVED);
    assertThat(deliveries).hasSize(3);
    WebhookSignature verifier = new WebhookSignature(SECRET, Duration.ofMinutes(5));
    for (String[] delivery : deliveries) {
      assertThatCode(
              () ->
                  verifier.verify(
                      delivery[0], delivery[1].getBytes(StandardCharsets.UTF_8), Instant.now()))
          .doesNotThrowAnyException();
      assertThat(delivery[1]).isEqualTo(deliveries.getFirst()[1]);
    }
    JsonNode body = json.readTree(deliveries.getFirst()[1]);
    assertThat(body.get("id").asString()).isEqualTo(event.get("id").asString()).startsWith("evt_");
    assertThat(body.get("type").asString()).isEqualTo("checkout.captured");
    assertThat(body.get("checkout").asString()).isEqualTo(id);
    assertThat(body.get("reference").asLong()).isEqualTo(42);
    assertThat(body.get("amount").asLong()).isEqualTo(450);
    assertThat(body.get("currency").asString()).isEqualTo("CNY");

    assertThat(call("POST", "/checkouts/" + id + "/pay", null, null).get("events"))
        .as("paying again sends nothing new")
        .hasSize(1);
  }

  @Test
  void aPaymentWhoseEventsAreDroppedIsCapturedAndNeverDelivered() throws Exception {
    RECEIVED.clear();
    REFUSE.set(0);
    String dropped =
        call("POST", "/checkouts", "{\"reference\":70,\"amount\":199,\"currency\":\"CNY\"}", null)
            .get("id")
            .asString();
    String delivered =
        call("POST", "/checkouts", "{\"reference\":71,\"amount\":199,\"currency\":\"CNY\"}", null)
            .get("id")
            .asString();

    JsonNode paid = call("POST", "/checkouts/" + dropped + "/pay", "{\"dropEvents\":true}", null);
    call("POST", "/checkouts/" + delivered + "/pay", "{\"dropEvents\":false}", null);

    assertThat(paid.get("status").asString()).isEqualTo("captured");
    JsonNode event = call("GET", "/checkouts/" + dropped, null, null).get("events").get(0);
    assertThat(event.get("type").asString()).isEqualTo("checkout.captured");
    assertThat(event.get("attempts").asInt()).isZero();
    assertThat(event.get("delivered").asBoolean()).isFalse();
    assertThat(ledgerOf(dropped)).containsExactly("capture " + dropped + " 199 ");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                call("GET", "/checkouts/" + delivered, null, null)
                    .get("events")
                    .get(0)
                    .get("delivered")
                    .asBoolean());
    assertThat(RECEIVED)
        .as("the merchant got the other payment's event, never the dropped one's")
        .extracting(delivery -> json.readTree(delivery[1]).get("checkout").asString())
        .containsExactly(delivered);
    HttpResponse<String> notJson = send("POST", "/checkouts/" + delivered + "/pay", "drop", null);
    assertThat(notJson.statusCode()).isEqualTo(400);
  }

  @Test
  void theBackoffDoublesUpToItsMaximum() {
    WebhookDelivery delivery =
        new WebhookDelivery(
            new SandboxProperties(
                URI.create("http://localhost:1/"),
                SECRET,
                new SandboxProperties.Delivery(
                    Duration.ofSeconds(2),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(60),
                    20,
                    1,
                    10,
                    0,
                    Duration.ZERO,
                    0)),
            java.time.Clock.systemUTC());
    try (delivery) {
      assertThat(List.of(1, 2, 3, 6, 7, 8, 20).stream().map(delivery::backoff).toList())
          .containsExactly(
              Duration.ofSeconds(1),
              Duration.ofSeconds(2),
              Duration.ofSeconds(4),
              Duration.ofSeconds(32),
              Duration.ofSeconds(60),
              Duration.ofSeconds(60),
              Duration.ofSeconds(60));
    }
  }
}
