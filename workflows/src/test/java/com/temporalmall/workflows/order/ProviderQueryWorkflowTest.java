package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.temporalmall.workflows.FakeDomains;
import com.temporalmall.workflows.MallTestEnvironment;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.pay.ProviderPayment;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lost callback is found: an unpaid order with a pay asks the provider after its query delay and
 * once more when its payment timer fires; a capture the provider reports is applied as its callback
 * would be, once. On the Temporal test server with time skipping.
 */
class ProviderQueryWorkflowTest {
  private static final String ID = OrderContract.workflowId("query");
  private static final long AMOUNT = 2 * FakeDomains.PRICE;
  private static final OrderRequest TWO_KETTLES =
      new OrderRequest(
          1,
          FakeDomains.PRODUCT_ID,
          2,
          FakeDomains.PRICE,
          Duration.ofMinutes(30),
          Duration.ofMinutes(5));
  private static final String CREATE_PAY = PayContract.Activities.CREATE + " 42 amount=" + AMOUNT;
  private static final String QUERY = PayContract.Activities.QUERY + " 100";
  private static final String PAY_PAID = PayContract.Activities.MARK_PAID + " 100";
  private static final String ORDER_PAID = OrderContract.Activities.MARK_PAID + " 42";

  private TestWorkflowEnvironment env;
  private FakeDomains fakes;

  @BeforeEach
  void startTestServer() {
    env = MallTestEnvironment.newInstance();
    fakes = new FakeDomains();
    fakes.serveOn(env);
    env.start();
  }

  @AfterEach
  void stopTestServer() {
    env.close();
  }

  private OrderSagaWorkflow order() {
    return env.getWorkflowClient().newWorkflowStub(OrderSagaWorkflow.class, ID);
  }

  /** Waiting for the workflow's result lets the test server skip time. */
  private OrderResult result() {
    return WorkflowStub.fromTyped(order()).getResult(OrderResult.class);
  }

  /** The calls after the placement's two. */
  private List<String> afterPlacement() {
    return fakes.journal.subList(2, fakes.journal.size());
  }

  /** Each timer's duration, in the order they were started. */
  private List<Duration> timers() {
    return env.getWorkflowClient().fetchHistory(ID).getEvents().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
        .map(HistoryEvent::getTimerStartedEventAttributes)
        .map(timer -> Duration.ofSeconds(timer.getStartToFireTimeout().getSeconds()))
        .toList();
  }

  private static ProviderPayment captured(PayView pay) {
    return new ProviderPayment(pay.checkout(), true, pay.amount(), "CNY", "evt_captured");
  }

  private static ProviderPayment open(PayView pay) {
    return new ProviderPayment(pay.checkout(), false, pay.amount(), "CNY", null);
  }

  private PayView placedWithPay() {
    OrderSagaWorkflowTest.place(env.getWorkflowClient(), ID, TWO_KETTLES);
    return order().createPay(AMOUNT);
  }

  @Test
  void aCaptureWhoseCallbackWasLostIsFoundByTheFirstQueryAndPaysTheOrder() {
    fakes.queryBehaviour = ProviderQueryWorkflowTest::captured;
    PayView pay = placedWithPay();

    assertThat(pay.checkout()).isNotNull();
    assertThat(result()).isEqualTo(new OrderResult(FakeDomains.ORDER_ID, AMOUNT, OrderState.PAID));
    assertThat(afterPlacement()).containsExactly(CREATE_PAY, QUERY, PAY_PAID, ORDER_PAID);
    assertThat(timers()).as("the query delay only").containsExactly(Duration.ofMinutes(5));
  }

  @Test
  void aCaptureAfterTheFirstQueryIsFoundByTheSecondBeforeTheTimerCancels() {
    AtomicInteger asked = new AtomicInteger();
    fakes.queryBehaviour = pay -> asked.incrementAndGet() == 1 ? open(pay) : captured(pay);
    placedWithPay();

    assertThat(result().state()).isEqualTo(OrderState.PAID);
    assertThat(afterPlacement()).containsExactly(CREATE_PAY, QUERY, QUERY, PAY_PAID, ORDER_PAID);
    List<Duration> timers = timers();
    assertThat(timers).as("the query delay, then the rest of the payment timeout").hasSize(2);
    assertThat(timers.get(0)).isEqualTo(Duration.ofMinutes(5));
    assertThat(timers.get(1)).isBetween(Duration.ofMinutes(24), Duration.ofMinutes(25));
  }

  @Test
  void aPayNeverCapturedIsCancelledAsBefore() {
    placedWithPay();

    assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
    assertThat(afterPlacement())
        .containsExactly(
            CREATE_PAY,
            QUERY,
            QUERY,
            OrderContract.Activities.CANCEL + " 42",
            "product.releaseStock 7 num=2",
            PayContract.Activities.CLOSE + " 100");
  }

  @Test
  void aProviderThatCannotAnswerIsRetriedForABoundedTimeAndTheTimerStillCancels() {
    fakes.queryBehaviour =
        pay -> {
          throw new IllegalStateException("the payment provider answered 503");
        };
    placedWithPay();

    assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
    List<String> calls = afterPlacement();
    assertThat(calls.subList(calls.size() - 3, calls.size()))
        .containsExactly(
            OrderContract.Activities.CANCEL + " 42",
            "product.releaseStock 7 num=2",
            PayContract.Activities.CLOSE + " 100");
    assertThat(calls).filteredOn(QUERY::equals).hasSizeGreaterThan(2);
    assertThat(calls).doesNotContain(PAY_PAID);
  }

  @Test
  void anOrderWithoutAPayAsksNothing() {
    OrderSagaWorkflowTest.place(env.getWorkflowClient(), ID, TWO_KETTLES);

    assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
    assertThat(afterPlacement()).doesNotContain(QUERY).hasSize(2);
  }

  @Test
  void theRealCallbackArrivingAfterTheQueryAppliedItIsAnsweredAlikeAndAppliedOnce()
      throws Exception {
    fakes.queryBehaviour = ProviderQueryWorkflowTest::captured;
    CountDownLatch paying = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fakes.markPaidBehaviour =
        () -> {
          paying.countDown();
          if (!release.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
        };
    PayView pay = placedWithPay();

    // Just past the query delay: skipping further would time out the blocked activity's attempt.
    env.sleep(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(paying.await(30, TimeUnit.SECONDS)).as("the query applies the capture").isTrue();
    WorkflowUpdateHandle<PayView> callback =
        WorkflowStub.fromTyped(order())
            .startUpdate(
                OrderContract.Updates.PAY_CALLBACK,
                WorkflowUpdateStage.ACCEPTED,
                PayView.class,
                new PayCallback(pay.id(), AMOUNT, 1, "evt_captured"));
    release.countDown();

    assertThat(callback.getResultAsync().get(30, TimeUnit.SECONDS).status())
        .isEqualTo(PayStatus.PAID);
    assertThat(result().state()).isEqualTo(OrderState.PAID);
    assertThat(afterPlacement()).containsExactly(CREATE_PAY, QUERY, PAY_PAID, ORDER_PAID);
  }

  @Test
  void aCallbackWhileTheQueryIsInFlightIsAppliedOnceWhenTheProviderReportsTheSameCapture()
      throws Exception {
    CountDownLatch asking = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    fakes.queryBehaviour =
        pay -> {
          asking.countDown();
          try {
            if (!answer.await(30, TimeUnit.SECONDS)) {
              throw new IllegalStateException("never answered");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return captured(pay);
        };
    PayView pay = placedWithPay();

    // Just past the query delay: skipping further would time out the blocked activity's attempt.
    env.sleep(Duration.ofMinutes(5).plusSeconds(1));
    assertThat(asking.await(30, TimeUnit.SECONDS)).isTrue();
    PayView paid = order().payCallback(new PayCallback(pay.id(), AMOUNT, 1, "evt_captured"));
    answer.countDown();

    assertThat(paid.status()).isEqualTo(PayStatus.PAID);
    assertThat(result().state()).isEqualTo(OrderState.PAID);
    assertThat(afterPlacement()).containsExactly(CREATE_PAY, QUERY, PAY_PAID, ORDER_PAID);
  }

  @Test
  void aCaptureOfAnotherAmountIsNotApplied() {
    fakes.queryBehaviour =
        pay -> new ProviderPayment(pay.checkout(), true, pay.amount() - 1, "CNY", "evt_short");
    placedWithPay();

    assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
    assertThat(afterPlacement()).doesNotContain(PAY_PAID, ORDER_PAID);
  }
}
