package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Every endpoint of the contract on the embedded default: the journey, ownership, cancellation. */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MallJourneyTest {
  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;

  @Value("${mall.pay.webhook-secret}")
  String webhookSecret;

  @Test
  void registerLoginProductOrderPayCallbackListDetail() {
    MallClient alice = MallClient.signUp(rest, "alice", "13600000001");
    long pid =
        alice.id(
            "/api/product/create", Map.of("name", "tea", "stock", 5, "amount", 300, "status", 1));
    long oid = alice.id("/api/order/create", Map.of("pid", pid, "num", 2));

    long payId = alice.id("/api/pay/create", Map.of("oid", oid, "amount", 600));
    assertThat(alice.id("/api/pay/create", Map.of("oid", oid, "amount", 600)))
        .as("one pay per order")
        .isEqualTo(payId);
    assertThat(alice.status("/api/pay/create", Map.of("oid", oid, "amount", 1))).isEqualTo(400);
    assertThat(alice.ok("/api/pay/detail", Map.of("id", payId)).get("status").asInt()).isZero();

    // the buyer pays the pay's checkout at the (sandbox) provider, whose signed event pays it
    SignedCallbacks provider = new SignedCallbacks("http://localhost:" + port, webhookSecret);
    String checkout = alice.ok("/api/pay/detail", Map.of("id", payId)).get("checkout").asString();
    assertThat(provider.payAtSandbox(checkout).body()).contains("\"lastStatus\":200");
    assertThat(provider.payAtSandbox(checkout).statusCode()).isEqualTo(200);

    JsonNode pay = alice.ok("/api/pay/detail", Map.of("id", payId));
    assertThat(pay.get("status").asInt()).isEqualTo(1);
    assertThat(pay.get("source").asInt()).isEqualTo(1);
    assertThat(alice.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isEqualTo(1);
    JsonNode orders = alice.ok("/api/order/list", Map.of());
    assertThat(orders).hasSize(1);
    assertThat(orders.get(0).get("id").asLong()).isEqualTo(oid);
    assertThat(alice.status("/api/order/update", Map.of("id", oid, "status", 9)))
        .as("paid")
        .isEqualTo(409);
    assertThat(alice.status("/api/order/remove", Map.of("id", oid))).as("paid").isEqualTo(409);
    assertThat(alice.ok("/api/product/detail", Map.of("id", pid)).get("stock").asInt())
        .isEqualTo(3);
  }

  /**
   * An order is answered in an ASYNC dispatch, which the security filters skip (the request was
   * authenticated in its first dispatch): the answer still carries the security headers, and Spring
   * Security's own observations stay off.
   */
  @Test
  void ordersAnsweredAfterTheirRequestThreadKeepTheSecurityHeaders() {
    MallClient dave = MallClient.signUp(rest, "dave", "13600000007");
    long pid =
        dave.id(
            "/api/product/create", Map.of("name", "pen", "stock", 1, "amount", 50, "status", 1));

    ResponseEntity<JsonNode> placed = dave.post("/api/order/create", Map.of("pid", pid));
    ResponseEntity<JsonNode> soldOut = dave.post("/api/order/create", Map.of("pid", pid));

    assertThat(placed.getStatusCode().value()).isEqualTo(200);
    assertThat(soldOut.getStatusCode().value()).isEqualTo(409);
    for (ResponseEntity<JsonNode> answer : List.of(placed, soldOut)) {
      assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(answer.getHeaders().getCacheControl()).contains("no-store");
    }
    assertThat(new MallClient(rest, null).status("/api/order/create", Map.of("pid", pid)))
        .isEqualTo(401);
    String metrics = rest.getForObject("/actuator/prometheus", String.class);
    assertThat(metrics).contains("http_server_requests").doesNotContain("spring_security_");
  }

  @Test
  void anotherUserCannotReadChangePayOrCancelMyOrder() {
    MallClient owner = MallClient.signUp(rest, "carol", "13600000002");
    MallClient other = MallClient.signUp(rest, "mallory", "13600000003");
    long pid =
        owner.id(
            "/api/product/create", Map.of("name", "cup", "stock", 5, "amount", 100, "status", 1));
    long oid = owner.id("/api/order/create", Map.of("pid", pid));
    long payId = owner.id("/api/pay/create", Map.of("oid", oid, "amount", 100));

    assertThat(other.status("/api/order/detail", Map.of("id", oid))).isEqualTo(403);
    assertThat(other.status("/api/order/update", Map.of("id", oid, "status", 9))).isEqualTo(403);
    assertThat(other.status("/api/order/remove", Map.of("id", oid))).isEqualTo(403);
    assertThat(other.status("/api/pay/create", Map.of("oid", oid, "amount", 100))).isEqualTo(403);
    assertThat(other.status("/api/pay/detail", Map.of("id", payId))).isEqualTo(403);
    assertThat(
            other.status(
                "/api/pay/callback",
                Map.of("id", payId, "oid", oid, "amount", 100, "source", 1, "status", 1)))
        .as("only the provider's signature confirms a payment")
        .isEqualTo(401);
    assertThat(
            other.status(
                "/api/product/update",
                Map.of("id", pid, "name", "x", "stock", 0, "amount", 1, "status", 0)))
        .isEqualTo(403);
    assertThat(other.status("/api/product/remove", Map.of("id", pid))).isEqualTo(403);
    assertThat(other.status("/api/order/list", Map.of("uid", 1))).isEqualTo(403);

    assertThat(owner.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isZero();
    assertThat(owner.ok("/api/pay/detail", Map.of("id", payId)).get("status").asInt()).isZero();
    assertThat(owner.ok("/api/product/detail", Map.of("id", pid)).get("name").asString())
        .isEqualTo("cup");
  }

  @Test
  void theOwnerCancelsAnUnpaidOrderAndGetsTheStockBack() {
    MallClient dave = MallClient.signUp(rest, "dave", "13600000004");
    long pid =
        dave.id(
            "/api/product/create", Map.of("name", "pot", "stock", 4, "amount", 50, "status", 1));
    long oid = dave.id("/api/order/create", Map.of("pid", pid, "num", 3));
    long payId = dave.id("/api/pay/create", Map.of("oid", oid, "amount", 150));
    assertThat(dave.ok("/api/product/detail", Map.of("id", pid)).get("stock").asInt()).isEqualTo(1);

    dave.ok("/api/order/update", Map.of("id", oid, "status", 9));
    dave.ok("/api/order/update", Map.of("id", oid, "status", 9));

    assertThat(dave.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isEqualTo(9);
    assertThat(dave.ok("/api/product/detail", Map.of("id", pid)).get("stock").asInt()).isEqualTo(4);
    assertThat(dave.ok("/api/pay/detail", Map.of("id", payId)).get("status").asInt())
        .as("closed")
        .isEqualTo(2);
    assertThat(dave.status("/api/pay/create", Map.of("oid", oid, "amount", 150))).isEqualTo(409);
    assertThat(dave.status("/api/order/update", Map.of("id", oid, "status", 1))).isEqualTo(400);

    dave.ok("/api/order/remove", Map.of("id", oid));
    assertThat(dave.status("/api/order/detail", Map.of("id", oid))).isEqualTo(404);
  }

  @Test
  void theOwnerUpdatesAndRemovesAProduct() {
    MallClient erin = MallClient.signUp(rest, "erin", "13600000005");
    long pid =
        erin.id(
            "/api/product/create", Map.of("name", "jar", "stock", 1, "amount", 10, "status", 1));

    erin.ok(
        "/api/product/update",
        Map.of("id", pid, "name", "big jar", "desc", "2 l", "stock", 7, "amount", 20, "status", 1));
    JsonNode product = erin.ok("/api/product/detail", Map.of("id", pid));
    assertThat(product.get("name").asString()).isEqualTo("big jar");
    assertThat(product.get("stock").asInt()).isEqualTo(7);

    erin.ok("/api/product/remove", Map.of("id", pid));
    assertThat(erin.status("/api/product/detail", Map.of("id", pid))).isEqualTo(404);
    assertThat(erin.status("/api/product/remove", Map.of("id", pid))).isEqualTo(404);
  }
}
