package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An unpaid order is cancelled by its lifecycle's durable timer; a payment after that is refunded.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "mall.order.payment-timeout=2s")
class PaymentTimeoutTest {
  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;

  @Value("${mall.pay.webhook-secret}")
  String webhookSecret;

  @Test
  void anUnpaidOrderIsCancelledAndALatePaymentIsRefundedOnce() {
    MallClient frank = MallClient.signUp(rest, "frank", "13600000006");
    long pid =
        frank.id(
            "/api/product/create", Map.of("name", "bowl", "stock", 3, "amount", 70, "status", 1));
    long oid = frank.id("/api/order/create", Map.of("pid", pid, "num", 2));
    long payId = frank.id("/api/pay/create", Map.of("oid", oid, "amount", 140));

    // Closing the pay is the cancellation's last step.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> frank.ok("/api/pay/detail", Map.of("id", payId)).get("status").asInt() == 2);

    assertThat(frank.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isEqualTo(9);
    assertThat(frank.ok("/api/product/detail", Map.of("id", pid)).get("stock").asInt())
        .isEqualTo(3);

    // the buyer pays at the provider after the cancellation: the mall acknowledges the provider's
    // event at the first attempt (the provider stops retrying), flags the pay for refund and
    // refunds it through the provider
    String checkout = frank.ok("/api/pay/detail", Map.of("id", payId)).get("checkout").asString();
    SignedCallbacks provider = new SignedCallbacks("http://localhost:" + port, webhookSecret);
    var late = provider.payAtSandbox(checkout);
    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(late.body())
        .contains("\"status\":\"captured\"")
        .contains("\"attempts\":1,\"lastStatus\":200,\"delivered\":true");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(frank.ok("/api/pay/detail", Map.of("id", payId)).get("status").asInt())
                    .as("refunded")
                    .isEqualTo(4));
    assertThat(Ledgers.of(provider.sandboxLedger(), checkout))
        .as("the provider's books: one capture, one refund of it, under the pay's key")
        .containsExactly("capture 140", "refund 140 refund-" + payId);
    assertThat(frank.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isEqualTo(9);
    assertThat(frank.ok("/api/product/detail", Map.of("id", pid)).get("stock").asInt())
        .as("released once")
        .isEqualTo(3);
  }
}
