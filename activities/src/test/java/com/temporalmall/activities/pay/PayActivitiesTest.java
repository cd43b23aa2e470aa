package com.temporalmall.activities.pay;

import static com.temporalmall.activities.ActivityTesting.failureType;
import static com.temporalmall.activities.ActivityTesting.race;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import com.temporalmall.activities.ActivityTesting;
import com.temporalmall.activities.testsupport.DomainExtension;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.pay.NewPay;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PayActivitiesTest {
  @RegisterExtension static final DomainExtension DOMAIN = new DomainExtension("pay");

  @RegisterExtension final ActivityTesting activities = new ActivityTesting();
  private final PayRepository repository = DOMAIN.bean(PayRepository.class);
  private PayActivities pays;

  /**
   * The payment provider: one checkout per Idempotency-Key, as the sandbox keeps them; answers 503
   * while {@link #providerDown} is set.
   */
  static final HttpServer PROVIDER;

  static final Map<String, String> CHECKOUTS = new ConcurrentHashMap<>();
  static final List<String> OPENED = new CopyOnWriteArrayList<>();
  static volatile boolean providerDown;

  /** Refunds by Idempotency-Key, as the sandbox keeps them, and every refund call made. */
  static final Map<String, String> REFUNDS = new ConcurrentHashMap<>();

  static final List<String> REFUND_CALLS = new CopyOnWriteArrayList<>();

  /** While set, a refund is answered 409 already_refunded (refunded under another key before). */
  static volatile boolean alreadyRefunded;

  static {
    try {
      PROVIDER = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    PROVIDER.createContext(
        "/v1/checkouts",
        exchange -> {
          String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
          String body = new String(exchange.getRequestBody().readAllBytes(), UTF_8);
          String path = exchange.getRequestURI().getPath();
          if (path.endsWith("/refunds")) {
            refund(exchange, key, path + " " + body);
            return;
          }
          if (providerDown) {
            exchange.sendResponseHeaders(503, -1);
          } else {
            OPENED.add(key + " " + body);
            String id = CHECKOUTS.computeIfAbsent(key, _ -> "co_" + CHECKOUTS.size());
            byte[] answer = ("{\"id\":\"" + id + "\",\"status\":\"open\"}").getBytes(UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
          }
          exchange.close();
        });
    PROVIDER.start();
  }

  /**
   * {@code POST /v1/checkouts/{id}/refunds}: one refund per key; 503 while the provider is down.
   */
  private static void refund(com.sun.net.httpserver.HttpExchange exchange, String key, String call)
      throws IOException {
    byte[] answer;
    int status;
    if (providerDown) {
      status = 503;
      answer = new byte[0];
    } else if (alreadyRefunded) {
      status = 409;
      answer = "{\"error\":\"already_refunded\"}".getBytes(UTF_8);
    } else {
      REFUND_CALLS.add(key + " " + call);
      String id = REFUNDS.computeIfAbsent(key, _ -> "re_" + REFUNDS.size());
      status = 200;
      answer = ("{\"id\":\"" + id + "\",\"status\":\"succeeded\"}").getBytes(UTF_8);
    }
    exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    if (answer.length > 0) {
      exchange.getResponseBody().write(answer);
    }
    exchange.close();
  }

  @AfterAll
  static void stopProvider() {
    PROVIDER.stop(0);
  }

  @BeforeEach
  void stub() {
    DOMAIN
        .bean(HttpPaymentProvider.class)
        .baseUrl(URI.create("http://127.0.0.1:" + PROVIDER.getAddress().getPort() + "/v1"));
    pays = activities.stub(PayActivities.class, DOMAIN.bean(PayActivities.class));
  }

  @Test
  void aPayGetsOneProviderCheckoutKeyedByTheOrdersWorkflow() {
    String gid = OrderContract.workflowId("5");
    providerDown = true;
    try {
      ApplicationFailure unavailable =
          applicationFailure(catchThrowable(() -> pays.create(new NewPay(gid, 3, 5, 700))));
      assertThat(unavailable.getType())
          .as("the provider is down: the activity fails, to be retried")
          .isEqualTo(MallFailures.PAYMENT_PROVIDER_UNAVAILABLE);
      assertThat(unavailable.isNonRetryable()).isFalse();
      PayView unopened = unavailable.getDetails().get(PayView.class);
      assertThat(unopened.checkout()).as("the pay, without its checkout").isNull();
      assertThat(unopened.status()).isEqualTo(PayStatus.UNPAID);
      assertThat(stored(unopened.id())).isEqualTo(unopened);
    } finally {
      providerDown = false;
    }

    PayView pay = pays.create(new NewPay(gid, 3, 5, 700));
    PayView retried = pays.create(new NewPay(gid, 3, 5, 700));

    assertThat(pay.checkout()).isEqualTo(CHECKOUTS.get(gid)).startsWith("co_");
    assertThat(retried).isEqualTo(pay);
    assertThat(stored(pay.id()).checkout()).isEqualTo(pay.checkout());
    assertThat(OPENED)
        .filteredOn(call -> call.startsWith(gid + " "))
        .containsExactly(
            gid + " {\"reference\":" + pay.id() + ",\"amount\":700,\"currency\":\"CNY\"}");
  }

  private static ApplicationFailure applicationFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application;
      }
    }
    throw new AssertionError("no ApplicationFailure in " + failure, failure);
  }

  private PayView stored(long id) {
    return repository.findById(id).orElseThrow().view();
  }

  @Test
  void anOrderHasExactlyOnePay() {
    PayView first = pays.create(new NewPay(OrderContract.workflowId("1"), 3, 1, 500));
    PayView retried = pays.create(new NewPay(OrderContract.workflowId("1"), 3, 1, 500));
    PayView fromAnotherWorkflow =
        pays.create(new NewPay(OrderContract.workflowId("1-other"), 3, 1, 500));

    assertThat(retried).isEqualTo(first);
    assertThat(fromAnotherWorkflow).isEqualTo(first);
    assertThat(first.status()).isEqualTo(PayStatus.UNPAID);
    assertThat(stored(first.id())).isEqualTo(first);
  }

  @Test
  void paidIsFinalAndRecordsTheSource() {
    PayView pay = pays.create(new NewPay(OrderContract.workflowId("2"), 3, 2, 500));

    assertThat(pays.markPaid(new PayChange(OrderContract.workflowId("2"), pay.id(), 2)).status())
        .isEqualTo(PayStatus.PAID);
    assertThat(pays.close(new PayChange(OrderContract.workflowId("2"), pay.id(), 0)).status())
        .isEqualTo(PayStatus.PAID);
    assertThat(stored(pay.id()).source()).isEqualTo(2);
  }

  @Test
  void aPaymentAfterCloseIsFlaggedForRefund() {
    PayView pay = pays.create(new NewPay(OrderContract.workflowId("3"), 3, 3, 500));
    pays.close(new PayChange(OrderContract.workflowId("3"), pay.id(), 0));

    PayView refund = pays.flagRefund(new PayChange("callback-1", pay.id(), 1));

    assertThat(refund.status()).isEqualTo(PayStatus.REFUND_DUE);
    assertThat(
            pays.markPaid(new PayChange(OrderContract.workflowId("3-late"), pay.id(), 1)).status())
        .isEqualTo(PayStatus.REFUND_DUE);
  }

  /** A pay of order {@code oid} whose payment lost to the cancellation: refund due. */
  private PayView refundDue(long oid) {
    String gid = OrderContract.workflowId(String.valueOf(oid));
    PayView pay = pays.create(new NewPay(gid, 3, oid, 900));
    pays.close(new PayChange(gid, pay.id(), 0));
    assertThat(pays.flagRefund(new PayChange(gid, pay.id(), 1)).status())
        .isEqualTo(PayStatus.REFUND_DUE);
    return pay;
  }

  private String refundColumn(long payId) {
    return DOMAIN
        .jdbc()
        .sql("SELECT refund FROM pays WHERE id = ?")
        .param(payId)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private int barrierRows(String gid, String branch) {
    return DOMAIN
        .jdbc()
        .sql("SELECT COUNT(*) FROM barrier WHERE gid = ? AND branch_id = ?")
        .params(gid, branch)
        .query(Integer.class)
        .single();
  }

  @Test
  void aRefundDuePayIsRefundedOnceThroughTheProviderUnderAKeyOfThePay() throws Exception {
    PayView pay = refundDue(7);
    String gid = OrderContract.workflowId("7");
    String key = "refund-" + pay.id();
    providerDown = true;
    try {
      assertThat(catchThrowable(() -> pays.refund(new PayChange(gid, pay.id(), 1))))
          .as("the provider is down: the activity fails, to be retried")
          .isNotNull();
    } finally {
      providerDown = false;
    }
    assertThat(stored(pay.id()).status()).isEqualTo(PayStatus.REFUND_DUE);
    assertThat(barrierRows(gid, PayContract.Activities.REFUND)).isZero();

    // Retried attempts racing (a worker that died after the provider's answer, say): one refund
    // at the provider, one status change behind one barrier row.
    PayActivities direct = DOMAIN.bean(PayActivities.class);
    List<PayView> answers = race(4, i -> () -> direct.refund(new PayChange(gid, pay.id(), 1)));
    PayView fromAnotherWorkflow =
        pays.refund(new PayChange(PayContract.flagRefundWorkflowId("event-x"), pay.id(), 1));

    assertThat(answers).extracting(PayView::status).containsOnly(PayStatus.REFUNDED);
    assertThat(fromAnotherWorkflow.status()).isEqualTo(PayStatus.REFUNDED);
    assertThat(REFUND_CALLS)
        .filteredOn(call -> call.contains("/" + pay.checkout() + "/"))
        .isNotEmpty()
        .allMatch(call -> call.startsWith(key + " /v1/checkouts/" + pay.checkout() + "/refunds"))
        .allMatch(call -> call.endsWith("{\"amount\":900}"));
    assertThat(refundColumn(pay.id())).isEqualTo(REFUNDS.get(key)).startsWith("re_");
    assertThat(barrierRows(gid, PayContract.Activities.REFUND)).isEqualTo(1);
    assertThat(stored(pay.id()).status()).isEqualTo(PayStatus.REFUNDED);
  }

  @Test
  void aProviderThatSaysAlreadyRefundedCountsAsDone() {
    PayView pay = refundDue(8);
    alreadyRefunded = true;
    try {
      assertThat(pays.refund(new PayChange("g-8", pay.id(), 1)).status())
          .isEqualTo(PayStatus.REFUNDED);
    } finally {
      alreadyRefunded = false;
    }
    assertThat(refundColumn(pay.id())).isNull();
  }

  @Test
  void onlyARefundDuePayIsRefunded() {
    PayView pay = pays.create(new NewPay(OrderContract.workflowId("9"), 3, 9, 500));
    pays.markPaid(new PayChange(OrderContract.workflowId("9"), pay.id(), 1));

    assertThat(failureType(catchThrowable(() -> pays.refund(new PayChange("g-9", pay.id(), 1)))))
        .isEqualTo(MallFailures.CONFLICT);
    assertThat(failureType(catchThrowable(() -> pays.refund(new PayChange("g-9", 999_999, 1)))))
        .isEqualTo(MallFailures.NOT_FOUND);
    assertThat(stored(pay.id()).status()).isEqualTo(PayStatus.PAID);
    assertThat(REFUND_CALLS).noneMatch(call -> call.contains("/" + pay.checkout() + "/"));
  }

  @Test
  void unknownPayIsNotFound() {
    assertThat(failureType(catchThrowable(() -> pays.markPaid(new PayChange("x", 999_999, 1)))))
        .isEqualTo(MallFailures.NOT_FOUND);
  }

  @Test
  void racingCreatesOfOneOrderShareOnePay() throws Exception {
    PayActivities direct = DOMAIN.bean(PayActivities.class);
    int racers = 8;
    List<Long> payIds =
        race(
            racers,
            i ->
                () ->
                    direct
                        .create(new NewPay(OrderContract.workflowId("4-attempt-") + i, 3, 4, 500))
                        .id());

    assertThat(payIds).hasSize(racers).containsOnly(payIds.get(0));
    assertThat(
            DOMAIN
                .jdbc()
                .sql("SELECT COUNT(*) FROM pays WHERE oid = 4")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }
}
