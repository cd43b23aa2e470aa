package com.temporalmall.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Only the payment provider confirms a payment: a buyer's token alone - with the old go-zero body,
 * an unsigned event, a forged or a stale one - marks nothing paid; a signed event does, once.
 */
@AutoConfigureTestRestTemplate
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderCallbackTest {
  private static final String INVALID_SIGNATURE =
      "https://temporal-mall.dev/problems/invalid-signature";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Autowired TestRestTemplate rest;
  @LocalServerPort int port;

  @Value("${mall.pay.webhook-secret}")
  String secret;

  private SignedCallbacks provider() {
    return new SignedCallbacks("http://localhost:" + port, secret);
  }

  /** The provider's checkout of pay {@code payId}. */
  private static String checkoutOf(MallClient buyer, long payId) {
    return buyer.ok("/api/pay/detail", Map.of("id", payId)).get("checkout").asString();
  }

  /** A buyer with an order of {@code amount} and its pay: [order id, pay id]. */
  private long[] orderWithPay(MallClient buyer, long amount) {
    long pid =
        buyer.id(
            "/api/product/create",
            Map.of("name", "lamp", "stock", 5, "amount", amount, "status", 1));
    long oid = buyer.id("/api/order/create", Map.of("pid", pid));
    long payId = buyer.id("/api/pay/create", Map.of("oid", oid, "amount", amount));
    return new long[] {oid, payId};
  }

  @Test
  void aBuyersTokenAloneCannotMarkAnythingPaid() {
    MallClient buyer = MallClient.signUp(rest, "gina", "13400000001");
    long[] ids = orderWithPay(buyer, 1999);
    long oid = ids[0];
    long payId = ids[1];
    SignedCallbacks provider = provider();
    SignedCallbacks forger =
        new SignedCallbacks("http://localhost:" + port, "not-the-secret-not-the-secret-not-the");
    String event =
        SignedCallbacks.captured(
            SignedCallbacks.newEventId(), checkoutOf(buyer, payId), payId, 1999);

    List<HttpResponse<String>> refused =
        List.of(
            // the go-zero callback the buyer used to send himself
            provider.send(
                """
                {"id":%d,"oid":%d,"amount":1999,"source":1,"status":1}"""
                    .formatted(payId, oid),
                null,
                buyer.token()),
            provider.send(event, null, buyer.token()),
            provider.send(event, forger.signatureOf(event), buyer.token()),
            provider.send(event.replace("1999", "1"), provider.signatureOf(event), buyer.token()),
            provider.send(
                event, provider.signatureOf(event, Instant.now().minusSeconds(600)), null),
            provider.send(event, "t=1,v1=zz", buyer.token()));

    for (HttpResponse<String> answer : refused) {
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
      assertThat(answer.body()).contains(INVALID_SIGNATURE);
    }
    assertThat(buyer.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isZero();
    assertThat(buyer.ok("/api/pay/detail", Map.of("id", payId)).get("status").asInt()).isZero();
  }

  @Test
  void aSignedEventPaysOnceAndARedeliveryIsAnsweredAlike() {
    MallClient buyer = MallClient.signUp(rest, "hugo", "13400000002");
    long[] ids = orderWithPay(buyer, 450);
    long oid = ids[0];
    long payId = ids[1];
    SignedCallbacks provider = provider();
    String eventId = SignedCallbacks.newEventId();
    String checkout = checkoutOf(buyer, payId);

    assertThat(checkout).startsWith("co_");
    assertThat(
            provider.deliver(SignedCallbacks.captured(eventId, checkout, payId, 451)).statusCode())
        .as("another amount")
        .isEqualTo(400);
    assertThat(
            provider
                .deliver(SignedCallbacks.captured(eventId, "co_other", payId, 450))
                .statusCode())
        .as("another checkout")
        .isEqualTo(400);
    assertThat(
            provider
                .deliver(SignedCallbacks.captured(eventId, checkout, payId, 450, "USD"))
                .statusCode())
        .as("another currency")
        .isEqualTo(400);
    assertThat(buyer.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isZero();

    HttpResponse<String> first =
        provider.deliver(SignedCallbacks.captured(eventId, checkout, payId, 450));
    HttpResponse<String> again =
        provider.deliver(SignedCallbacks.captured(eventId, checkout, payId, 450));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).isEqualTo("{\"id\":" + payId + ",\"status\":1}");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(buyer.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isEqualTo(1);
    assertThat(buyer.ok("/api/pay/detail", Map.of("id", payId)).get("source").asInt()).isEqualTo(1);
    assertThat(
            provider
                .deliver(
                    SignedCallbacks.captured(SignedCallbacks.newEventId(), checkout, 999_999, 450))
                .statusCode())
        .as("an unknown pay")
        .isEqualTo(404);
  }

  @Test
  void aPaymentAfterTheCancellationIsAcknowledgedAndRefundedOnce() {
    MallClient buyer = MallClient.signUp(rest, "iris", "13400000003");
    long[] ids = orderWithPay(buyer, 800);
    long oid = ids[0];
    long payId = ids[1];
    buyer.ok("/api/order/update", Map.of("id", oid, "status", 9));
    SignedCallbacks provider = provider();
    String checkout = checkoutOf(buyer, payId);

    // The buyer pays at the sandbox after the cancellation; its event is then delivered again.
    assertThat(provider.payAtSandbox(checkout).body()).contains("\"lastStatus\":200");
    String eventId =
        JSON.readTree(provider.sandboxCheckout(checkout).body())
            .get("events")
            .get(0)
            .get("id")
            .asString();
    HttpResponse<String> again =
        provider.deliver(SignedCallbacks.captured(eventId, checkout, payId, 800));

    assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
    assertThat(again.body()).isEqualTo("{\"id\":" + payId + ",\"status\":4}");
    assertThat(buyer.ok("/api/pay/detail", Map.of("id", payId)).get("status").asInt()).isEqualTo(4);
    assertThat(buyer.ok("/api/order/detail", Map.of("id", oid)).get("status").asInt()).isEqualTo(9);
    assertThat(Ledgers.of(provider.sandboxLedger(), checkout))
        .containsExactly("capture 800", "refund 800 refund-" + payId);
  }
}
