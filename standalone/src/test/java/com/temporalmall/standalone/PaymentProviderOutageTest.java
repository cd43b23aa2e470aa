package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * pay/create while the payment provider is down: a clear, bounded answer (503 {@code
 * payment-provider-unavailable} with Retry-After, not a wait for the provider), and a retry once it
 * is back gets the order's one pay with one checkout, which the buyer then pays.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "mall.pay.provider-request-timeout=1s")
class PaymentProviderOutageTest {
  /**
   * The provider as the pay worker sees it: while {@link #down}, it takes each request and never
   * answers (until the test ends); otherwise it forwards to the embedded sandbox.
   */
  static final HttpServer PROVIDER;

  static volatile boolean down = true;
  static volatile String sandbox;
  static final CountDownLatch END = new CountDownLatch(1);
  static final List<String> FORWARDED = new CopyOnWriteArrayList<>();
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static {
    try {
      PROVIDER = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PROVIDER.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    PROVIDER.createContext("/sandbox/v1/checkouts", PaymentProviderOutageTest::provider);
    PROVIDER.start();
  }

  private static void provider(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    try (exchange) {
      if (down) {
        if (!END.await(2, TimeUnit.MINUTES)) {
          throw new IOException("the test never ended");
        }
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      HttpResponse<byte[]> answer =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(sandbox + "/sandbox/v1/checkouts"))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .header("Idempotency-Key", key)
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      FORWARDED.add(key + " " + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
      exchange.getResponseBody().write(answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @AfterAll
  static void stopProvider() {
    END.countDown();
    PROVIDER.stop(0);
  }

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    registry.add(
        "mall.pay.provider-url",
        () -> "http://127.0.0.1:" + PROVIDER.getAddress().getPort() + "/sandbox/v1");
  }

  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;

  @Value("${mall.pay.webhook-secret}")
  String webhookSecret;

  @Test
  @Timeout(180) // before pay.create's retries were bounded, pay/create waited for the provider
  void aProviderThatIsDownGetsABoundedAnswerAndARetryLaterPaysOnce() {
    sandbox = "http://localhost:" + port;
    MallClient grace = MallClient.signUp(rest, "grace", "13600000021");
    long pid =
        grace.id(
            "/api/product/create", Map.of("name", "mug", "stock", 2, "amount", 80, "status", 1));
    long oid = grace.id("/api/order/create", Map.of("pid", pid, "num", 1));

    ResponseEntity<JsonNode> refused =
        grace.post("/api/pay/create", Map.of("oid", oid, "amount", 80));

    assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(503);
    assertThat(refused.getBody().get("type").asString())
        .isEqualTo("https://temporal-mall.dev/problems/payment-provider-unavailable");
    assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("10");
    assertThat(grace.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt())
        .as("still awaiting payment")
        .isZero();
    assertThat(FORWARDED).isEmpty();

    down = false;
    JsonNode pay = grace.ok("/api/pay/create", Map.of("oid", oid, "amount", 80));
    JsonNode again = grace.ok("/api/pay/create", Map.of("oid", oid, "amount", 80));

    assertThat(again).isEqualTo(pay);
    String checkout = pay.get("checkout").asString();
    assertThat(checkout).startsWith("co_");
    assertThat(FORWARDED).as("one checkout opened").hasSize(1);
    assertThat(FORWARDED.getFirst()).contains("\"id\":\"" + checkout + "\"");
    JsonNode detail = grace.ok("/api/pay/detail", Map.of("id", pay.get("id").asLong()));
    assertThat(detail.get("oid").asLong()).isEqualTo(oid);
    assertThat(detail.get("checkout").asString()).isEqualTo(checkout);

    var paid =
        new SignedCallbacks("http://localhost:" + port, webhookSecret).payAtSandbox(checkout);
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(grace.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt())
        .as("paid")
        .isEqualTo(1);
  }
}
