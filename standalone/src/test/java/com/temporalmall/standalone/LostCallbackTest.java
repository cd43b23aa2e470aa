package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A callback lost on the network: the sandbox captures the buyer's payment but delivers no event
 * ({@code sandbox.delivery.drops=1}); the order asks the provider after {@code
 * mall.order.provider-query-delay} (or at its payment timeout) and ends paid. The real callback
 * arriving afterwards is answered alike and changes nothing.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sandbox.delivery.drops=1",
      "mall.order.provider-query-delay=4s",
      "mall.order.payment-timeout=30s"
    })
class LostCallbackTest {
  private static final Pattern EVENT_ID = Pattern.compile("\"id\":\"(evt_[0-9a-f]+)\"");

  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;

  @Value("${mall.pay.webhook-secret}")
  String webhookSecret;

  @Test
  void aCaptureWhoseCallbackWasDroppedIsFoundByAskingTheProvider() {
    MallClient grace = MallClient.signUp(rest, "grace", "13600000019");
    long pid =
        grace.id(
            "/api/product/create", Map.of("name", "teapot", "stock", 2, "amount", 90, "status", 1));
    long oid = grace.id("/api/order/create", Map.of("pid", pid, "num", 1));
    long payId = grace.id("/api/pay/create", Map.of("oid", oid, "amount", 90));
    String checkout = grace.ok("/api/pay/detail", Map.of("id", payId)).get("checkout").asString();

    SignedCallbacks provider = new SignedCallbacks("http://localhost:" + port, webhookSecret);
    var paid = provider.payAtSandbox(checkout);
    assertThat(paid.statusCode()).isEqualTo(200);
    assertThat(paid.body())
        .as("captured, its event never delivered")
        .contains("\"status\":\"captured\"")
        .contains("\"attempts\":0,\"lastStatus\":0,\"delivered\":false");
    assertThat(grace.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isEqualTo(0);

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> grace.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt() == 1);
    assertThat(grace.ok("/api/pay/detail", Map.of("id", payId)).get("status").asInt()).isEqualTo(1);
    assertThat(grace.ok("/api/pay/detail", Map.of("id", payId)).get("source").asInt())
        .as("as a callback records it")
        .isEqualTo(1);

    // The provider's event, delivered at last: answered like the query's outcome, applied once.
    Matcher event = EVENT_ID.matcher(paid.body());
    assertThat(event.find()).isTrue();
    var late = provider.deliver(SignedCallbacks.captured(event.group(1), checkout, payId, 90));
    assertThat(late.statusCode()).isEqualTo(200);
    assertThat(late.body()).isEqualTo("{\"id\":" + payId + ",\"status\":1}");
    assertThat(grace.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isEqualTo(1);
    assertThat(grace.ok("/api/product/detail", Map.of("id", pid)).get("stock").asInt())
        .as("sold once, never released")
        .isEqualTo(1);
  }
}
