package com.temporalmall.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code sandbox.delivery.max-pending} events already waiting, a payment is refused before
 * anything changes (503 problem with Retry-After, the checkout stays open, no event): the sandbox
 * never captures money whose event it cannot deliver. Once the backlog drains, the same payment
 * goes through and its event is delivered.
 */
@SpringBootTest(
    classes = SandboxApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sandbox.webhook-secret=" + SandboxProviderTest.SECRET,
      "sandbox.delivery.initial-backoff=20ms",
      "sandbox.delivery.max-backoff=100ms",
      "sandbox.delivery.max-attempts=100000",
      "sandbox.delivery.max-pending=1"
    })
class SandboxBackpressureTest {
  /** A merchant that refuses every delivery until {@link #ACKNOWLEDGE} is set. */
  static final HttpServer MERCHANT;

  static final AtomicBoolean ACKNOWLEDGE = new AtomicBoolean();

  static {
    try {
      MERCHANT = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MERCHANT.createContext(
        "/api/pay/callback",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(ACKNOWLEDGE.get() ? 200 : 503, -1);
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

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sandbox/v1" + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode ok(String method, String path, String body) throws Exception {
    HttpResponse<String> answer = send(method, path, body);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private String openCheckout(long reference) throws Exception {
    return ok(
            "POST",
            "/checkouts",
            "{\"reference\":" + reference + ",\"amount\":100,\"currency\":\"CNY\"}")
        .get("id")
        .asString();
  }

  @Test
  void aPaymentBeyondTheBacklogIsRefusedBeforeAnythingChanges() throws Exception {
    String first = openCheckout(1);
    String second = openCheckout(2);
    assertThat(ok("POST", "/checkouts/" + first + "/pay", null).get("status").asString())
        .isEqualTo("captured");

    HttpResponse<String> refused = send("POST", "/checkouts/" + second + "/pay", null);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    JsonNode problem = json.readTree(refused.body());
    assertThat(problem.get("status").asInt()).isEqualTo(503);
    assertThat(problem.get("detail").asString()).contains("retry");
    JsonNode untouched = ok("GET", "/checkouts/" + second, null);
    assertThat(untouched.get("status").asString()).isEqualTo("open");
    assertThat(untouched.get("events")).isEmpty();

    ACKNOWLEDGE.set(true);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ok("GET", "/checkouts/" + first, null)
                    .get("events")
                    .get(0)
                    .get("delivered")
                    .asBoolean());
    JsonNode paid = ok("POST", "/checkouts/" + second + "/pay", null);
    assertThat(paid.get("status").asString()).isEqualTo("captured");
    assertThat(paid.get("events")).hasSize(1);
    assertThat(paid.get("events").get(0).get("delivered").asBoolean())
        .as("delivered at its first attempt")
        .isTrue();
  }
}
