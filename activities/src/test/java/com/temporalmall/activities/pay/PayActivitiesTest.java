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
