package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallTestEnvironment;
import com.temporalmall.workflows.order.OrderLifecycleWorkflow.LifecycleOutcome;
import com.temporalmall.workflows.order.OrderLifecycleWorkflow.PlacedOrderInfo;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.ProductContract;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Payment, callback, owner cancellation, the payment timer, and their races, with time skipping.
 */
class OrderLifecycleWorkflowTest {
  private static final long ORDER = FakeDomains.ORDER_ID;
  private static final Duration TIMEOUT = Duration.ofMinutes(30);

  private TestWorkflowEnvironment env;
  private FakeDomains fakes;
  private OrderLifecycleWorkflow lifecycle;

  @BeforeEach
  void startLifecycle() {
    env = MallTestEnvironment.newInstance();
    fakes = new FakeDomains();
    fakes.serveOn(env, OrderLifecycleWorkflowImpl.class);
    env.start();
    lifecycle =
        env.getWorkflowClient()
            .newWorkflowStub(
                OrderLifecycleWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(
                        OrderContract.lifecycleWorkflowId(OrderContract.sagaWorkflowId("test")))
                    .setTaskQueue(OrderContract.LEGACY_TASK_QUEUE)
                    .build());
    WorkflowClient.start(lifecycle::run, new PlacedOrderInfo(ORDER, 1, 7, 2, 500, TIMEOUT));
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private LifecycleOutcome outcome() {
    return WorkflowStub.fromTyped(lifecycle).getResult(LifecycleOutcome.class);
  }

  private static String failureType(WorkflowUpdateException failure) {
    return ((ApplicationFailure) failure.getCause()).getType();
  }

  @Test
  void anUnpaidOrderIsCancelledWhenThePaymentTimerFires() {
    assertThat(outcome()).isEqualTo(LifecycleOutcome.CANCELLED);
    assertThat(
            WorkflowStub.fromTyped(lifecycle)
                .describe()
                .getTypedSearchAttributes()
                .get(com.temporalmall.workflows.MallSearchAttributes.SAGA_STATUS))
        .isEqualTo("CANCELLED");

    assertThat(fakes.journal)
        .containsExactly(
            OrderContract.Activities.CANCEL + " 42",
            ProductContract.Activities.RELEASE_STOCK + " 7 num=2");
  }

  @Test
  void aPaidOrderIsNeverCancelledByTheTimer() {
    PayView pay = lifecycle.createPay(500);
    PayView paid = lifecycle.payCallback(new PayCallback(pay.id(), 500, 2));

    assertThat(paid.status()).isEqualTo(PayStatus.PAID);
    assertThat(outcome()).isEqualTo(LifecycleOutcome.PAID);
    env.sleep(TIMEOUT.plusMinutes(1));
    assertThat(fakes.journal)
        .containsExactly(
            PayContract.Activities.CREATE + " 42 amount=500",
            PayContract.Activities.MARK_PAID + " 100",
            OrderContract.Activities.MARK_PAID + " 42");
  }

  @Test
  void oneOrderHasOnePayAndItsAmountMustMatch() {
    WorkflowUpdateException wrongAmount =
        catchThrowableOfType(WorkflowUpdateException.class, () -> lifecycle.createPay(499));
    assertThat(failureType(wrongAmount)).isEqualTo(MallFailures.INVALID_REQUEST);

    PayView first = lifecycle.createPay(500);
    PayView second = lifecycle.createPay(500);

    assertThat(second).isEqualTo(first);
    assertThat(fakes.journal).containsExactly(PayContract.Activities.CREATE + " 42 amount=500");
  }

  @Test
  void aPaidLifecycleIsOverSoLaterCallbacksCannotChangeIt() {
    PayView pay = lifecycle.createPay(500);
    lifecycle.payCallback(new PayCallback(pay.id(), 500, 2));
    assertThat(outcome()).isEqualTo(LifecycleOutcome.PAID);

    assertThatThrownBy(() -> lifecycle.payCallback(new PayCallback(pay.id(), 500, 2)))
        .isInstanceOf(WorkflowNotFoundException.class);
    assertThat(fakes.journal)
        .containsOnlyOnce(
            PayContract.Activities.MARK_PAID + " 100", OrderContract.Activities.MARK_PAID + " 42");
  }

  @Test
  void aCallbackForAnotherPayOrAmountIsRejected() {
    PayView pay = lifecycle.createPay(500);

    assertThat(
            failureType(
                catchThrowableOfType(
                    WorkflowUpdateException.class,
                    () -> lifecycle.payCallback(new PayCallback(pay.id() + 1, 500, 2)))))
        .isEqualTo(MallFailures.NOT_FOUND);
    assertThat(
            failureType(
                catchThrowableOfType(
                    WorkflowUpdateException.class,
                    () -> lifecycle.payCallback(new PayCallback(pay.id(), 1, 2)))))
        .isEqualTo(MallFailures.INVALID_REQUEST);
    assertThat(lifecycle.state()).isEqualTo(OrderState.AWAITING_PAYMENT);
  }

  @Test
  void theTimerClosesAnOpenPayAndEndsTheLifecycle() {
    lifecycle.createPay(500);
    env.sleep(TIMEOUT.plusMinutes(1));

    assertThat(outcome()).isEqualTo(LifecycleOutcome.CANCELLED);
    assertThat(fakes.journal)
        .containsExactly(
            PayContract.Activities.CREATE + " 42 amount=500",
            OrderContract.Activities.CANCEL + " 42",
            ProductContract.Activities.RELEASE_STOCK + " 7 num=2",
            PayContract.Activities.CLOSE + " 100");
    // Its outcome is final: a late callback is the API's to answer (refund flag), from this
    // outcome.
    assertThatThrownBy(() -> lifecycle.payCallback(new PayCallback(FakeDomains.PAY_ID, 500, 2)))
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void anOperatorSignalCancelsAnUnpaidOrder() {
    lifecycle.requestCancel();

    assertThat(outcome()).isEqualTo(LifecycleOutcome.CANCELLED);
    assertThat(fakes.journal)
        .containsExactly(
            OrderContract.Activities.CANCEL + " 42",
            ProductContract.Activities.RELEASE_STOCK + " 7 num=2");
  }

  @Test
  void theOwnerCancelsAnUnpaidOrder() {
    assertThat(lifecycle.cancel()).isEqualTo(OrderState.CANCELLED);

    assertThat(outcome()).isEqualTo(LifecycleOutcome.CANCELLED);
    assertThat(fakes.journal)
        .containsExactly(
            OrderContract.Activities.CANCEL + " 42",
            ProductContract.Activities.RELEASE_STOCK + " 7 num=2");
  }

  @Test
  void aCallbackWhileTheOrderIsBeingCancelledFlagsThePayForRefund() throws Exception {
    PayView pay = lifecycle.createPay(500);
    java.util.concurrent.CountDownLatch cancelling = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    fakes.cancelBehaviour =
        () -> {
          cancelling.countDown();
          release.await(30, java.util.concurrent.TimeUnit.SECONDS);
        };
    WorkflowStub stub = WorkflowStub.fromTyped(lifecycle);
    stub.startUpdate(
        OrderContract.Updates.CANCEL,
        io.temporal.client.WorkflowUpdateStage.ACCEPTED,
        OrderState.class);
    assertThat(cancelling.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

    var callback =
        stub.startUpdate(
            OrderContract.Updates.PAY_CALLBACK,
            io.temporal.client.WorkflowUpdateStage.ACCEPTED,
            PayView.class,
            new PayCallback(pay.id(), 500, 2));
    release.countDown();

    java.util.concurrent.ExecutionException late =
        catchThrowableOfType(
            java.util.concurrent.ExecutionException.class, () -> callback.getResultAsync().get());
    assertThat(((ApplicationFailure) late.getCause().getCause()).getType())
        .isEqualTo(MallFailures.CONFLICT);
    assertThat(late.getCause().getCause().getMessage()).contains("flagged for refund");
    assertThat(outcome()).isEqualTo(LifecycleOutcome.CANCELLED);
    assertThat(fakes.journal)
        .containsExactly(
            PayContract.Activities.CREATE + " 42 amount=500",
            OrderContract.Activities.CANCEL + " 42",
            ProductContract.Activities.RELEASE_STOCK + " 7 num=2",
            PayContract.Activities.CLOSE + " 100",
            PayContract.Activities.FLAG_REFUND + " 100");
  }
}
