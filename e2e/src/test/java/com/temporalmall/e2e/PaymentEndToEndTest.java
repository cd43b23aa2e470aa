package com.temporalmall.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderResult;
import com.temporalmall.workflows.order.OrderState;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.product.ProductContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole mall on a real Temporal dev server and real MariaDB: the user journey through payment,
 * and an unpaid order cancelled by its lifecycle's timer (an API configured with a short timeout),
 * whose late payment is refunded through the sandbox provider.
 */
class PaymentEndToEndTest {
  private static MallCluster mall;
  private static MallHttp http;

  @BeforeAll
  static void startMall() {
    mall = MallCluster.start();
    http = new MallHttp(mall.apiUrl());
  }

  @AfterAll
  static void stopMall() {
    if (mall != null) {
      mall.close();
    }
  }

  /** The buyer pays {@code checkout} at the sandbox provider; its answer (after one delivery). */
  private static String payAtSandbox(String checkout) {
    try {
      java.net.http.HttpResponse<String> answer =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(
                              mall.sandboxUrl() + "/checkouts/" + checkout + "/pay"))
                      .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      return answer.body();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode ok(MallHttp api, String path, String token, Map<String, ?> body) {
    MallHttp.Reply reply = api.post(path, token, body);
    assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
    return reply.body();
  }

  @Test
  void registerLoginProductOrderPayCallbackListDetail() {
    String token = http.registerAndLogin("13500000001");
    long pid = http.createProduct(token, 10, 120);
    long oid =
        ok(http, "/api/order/create", token, Map.of("pid", pid, "num", 3)).get("id").asLong();

    JsonNode created = ok(http, "/api/pay/create", token, Map.of("oid", oid, "amount", 360));
    long payId = created.get("id").asLong();
    String checkout = created.get("checkout").asText();

    // Only the provider confirms a payment: the buyer's token and the go-zero body are refused.
    Map<String, Object> callback =
        Map.of("id", payId, "oid", oid, "amount", 360, "source", 2, "status", 1);
    MallHttp.Reply refused = http.post("/api/pay/callback", token, callback);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
    assertThat(refused.body().get("type").asText()).endsWith("/invalid-signature");
    assertThat(ok(http, "/api/order/detail", token, Map.of("id", oid)).get("status").asInt())
        .isZero();

    // The buyer pays the checkout at the provider, whose signed event pays the order.
    assertThat(payAtSandbox(checkout)).contains("\"lastStatus\":200");

    assertThat(ok(http, "/api/pay/detail", token, Map.of("id", payId)).get("status").asInt())
        .isEqualTo(1);
    assertThat(ok(http, "/api/order/detail", token, Map.of("id", oid)).get("status").asInt())
        .isEqualTo(1);
    JsonNode list = ok(http, "/api/order/list", token, Map.of());
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("status").asInt()).isEqualTo(1);
    assertThat(stock(pid)).isEqualTo(7);
    assertThat(
            mall.db("pay")
                .queryForList("select concat(branch_id, '|', op) from barrier", String.class))
        .contains(
            PayContract.Activities.CREATE + "|action",
            PayContract.Activities.MARK_PAID + "|action");
    // One workflow per order: placement and payment steps share its gid, each under its own branch.
    assertThat(barrierRows("order", orderWorkflowOf(oid)))
        .containsExactlyInAnyOrder(
            OrderContract.Activities.CREATE + "|action",
            OrderContract.Activities.MARK_PAID + "|action");
  }

  @Test
  void anUnpaidOrderIsCancelledByTheTimerAndItsStockReleasedOnce() throws Exception {
    MallHttp hurried =
        new MallHttp(mall.startAnotherApi("api-short-timeout", "mall.order.payment-timeout=3s"));
    String token = hurried.registerAndLogin("13500000002");
    long pid = hurried.createProduct(token, 5, 40);
    long oid =
        ok(hurried, "/api/order/create", token, Map.of("pid", pid, "num", 2)).get("id").asLong();
    long payId =
        ok(hurried, "/api/pay/create", token, Map.of("oid", oid, "amount", 80)).get("id").asLong();
    assertThat(stock(pid)).isEqualTo(3);

    OrderResult outcome =
        mall.temporal()
            .newUntypedWorkflowStub(orderWorkflowOf(oid))
            .getResult(60, java.util.concurrent.TimeUnit.SECONDS, OrderResult.class);

    assertThat(outcome.state()).isEqualTo(OrderState.CANCELLED);
    assertThat(orderStatus(oid)).isEqualTo(9);

    assertThat(stock(pid)).isEqualTo(5);
    assertThat(ok(hurried, "/api/pay/detail", token, Map.of("id", payId)).get("status").asInt())
        .isEqualTo(2);
    assertThat(barrierRows("product", orderWorkflowOf(oid)))
        .containsExactlyInAnyOrder(
            ProductContract.Activities.DECR_STOCK + "|action",
            ProductContract.Activities.RELEASE_STOCK + "|action");
    assertThat(barrierRows("order", orderWorkflowOf(oid)))
        .containsExactlyInAnyOrder(
            OrderContract.Activities.CREATE + "|action",
            OrderContract.Activities.CANCEL + "|action");
    String checkout =
        ok(hurried, "/api/pay/detail", token, Map.of("id", payId)).get("checkout").asText();
    // Paid at the provider after the cancellation: the mall acknowledges the event (the provider
    // stops retrying), flags the pay for refund and refunds it through the provider, once.
    assertThat(payAtSandbox(checkout)).contains("\"lastStatus\":200,\"delivered\":true");
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        ok(hurried, "/api/pay/detail", token, Map.of("id", payId))
                            .get("status")
                            .asInt())
                    .isEqualTo(4));
    assertThat(stock(pid)).isEqualTo(5);
    assertThat(ledgerOf(checkout)).containsExactly("capture 80", "refund 80 refund-" + payId);
    assertThat(
            mall.db("pay")
                .queryForObject("select refund from pays where id = ?", String.class, payId))
        .startsWith("re_");
    assertThat(
            mall.db("pay")
                .queryForList(
                    "select gid from barrier where branch_id = ?",
                    String.class,
                    PayContract.Activities.REFUND))
        .as("one refund, by the API's PayFlagRefund workflow (the order's had ended)")
        .hasSize(1)
        .allMatch(gid -> gid.startsWith(PayContract.flagRefundWorkflowId("event-")));
  }

  /** The sandbox ledger's entries of {@code checkout}: "capture amount", "refund amount key". */
  private static List<String> ledgerOf(String checkout) {
    try {
      java.net.http.HttpResponse<String> answer =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create(mall.sandboxUrl() + "/ledger"))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      List<String> entries = new java.util.ArrayList<>();
      for (JsonNode entry :
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(answer.body())
              .get("entries")) {
        if (entry.get("checkout").asText().equals(checkout)) {
          entries.add(
              entry.get("kind").asText()
                  + " "
                  + entry.get("amount").asLong()
                  + (entry.get("kind").asText().equals("refund")
                      ? " " + entry.get("idempotencyKey").asText()
                      : ""));
        }
      }
      return entries;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void ownersUpdateRemoveAndCancelOthersCannot() {
    String owner = http.registerAndLogin("13500000003");
    String other = http.registerAndLogin("13500000004");
    long pid = http.createProduct(owner, 10, 15);
    Map<String, Object> update =
        Map.of("id", pid, "name", "renamed", "desc", "", "stock", 20, "amount", 15, "status", 1);
    assertThat(http.post("/api/product/update", other, update).status()).isEqualTo(403);
    ok(http, "/api/product/update", owner, update);
    assertThat(stock(pid)).isEqualTo(20);

    long oid =
        ok(http, "/api/order/create", owner, Map.of("pid", pid, "num", 4)).get("id").asLong();
    assertThat(http.post("/api/order/update", other, Map.of("id", oid, "status", 9)).status())
        .isEqualTo(403);
    assertThat(http.post("/api/order/remove", owner, Map.of("id", oid)).status())
        .as("still open")
        .isEqualTo(409);
    ok(http, "/api/order/update", owner, Map.of("id", oid, "status", 9));
    assertThat(orderStatus(oid)).isEqualTo(9);
    assertThat(stock(pid)).isEqualTo(20);
    ok(http, "/api/order/remove", owner, Map.of("id", oid));
    assertThat(http.post("/api/order/detail", owner, Map.of("id", oid)).status()).isEqualTo(404);

    assertThat(http.post("/api/product/remove", other, Map.of("id", pid)).status()).isEqualTo(403);
    ok(http, "/api/product/remove", owner, Map.of("id", pid));
    assertThat(http.post("/api/product/detail", owner, Map.of("id", pid)).status()).isEqualTo(404);
  }

  private static int stock(long pid) {
    return mall.db("product")
        .queryForObject("select stock from products where id = ?", Integer.class, pid);
  }

  private static int orderStatus(long oid) {
    return mall.db("order")
        .queryForObject("select status from orders where id = ?", Integer.class, oid);
  }

  /**
   * The order's workflow id: its gid, and the gid of its cancel/markPaid/releaseStock barrier rows.
   */
  private static String orderWorkflowOf(long oid) {
    return mall.db("order")
        .queryForObject("select gid from orders where id = ?", String.class, oid);
  }

  private static List<String> barrierRows(String domain, String gid) {
    return mall.db(domain)
        .queryForList(
            "select concat(branch_id, '|', op) from barrier where gid = ?", String.class, gid);
  }
}
