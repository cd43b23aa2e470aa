package com.temporalmall.workflows.order;

import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;

/**
 * Legacy: the payment lifecycle of an order placed by {@link OrderSagaWorkflowImpl}, a child
 * workflow of its own. New orders run their payment phase in {@link OrderWorkflowImpl}; this type
 * stays registered until its executions have drained. Its command sequence must not change (see
 * WorkflowReplayTest).
 */
public class OrderLifecycleWorkflowImpl implements OrderLifecycleWorkflow {
  /**
   * Once the lifecycle has decided, its steps must happen: retried until they do (barrier-safe).
   */
  static final ActivityOptions DECIDED_STEP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  static final String SEARCH_ATTRIBUTES = "search-attributes";

  private final PaymentPhase payment;

  private static <T> T stub(Class<T> activities, String taskQueue) {
    return Workflow.newActivityStub(
        activities, ActivityOptions.newBuilder(DECIDED_STEP).setTaskQueue(taskQueue).build());
  }

  /** Runs before any handler: an update may be delivered in the same task as the start. */
  @WorkflowInit
  public OrderLifecycleWorkflowImpl(PlacedOrderInfo placed) {
    payment =
        new PaymentPhase(
            Workflow.getInfo().getWorkflowId(),
            placed,
            stub(OrderActivities.class, OrderContract.TASK_QUEUE),
            stub(ProductActivities.class, ProductContract.TASK_QUEUE),
            stub(PayActivities.class, PayContract.TASK_QUEUE));
  }

  @Override
  public LifecycleOutcome run(PlacedOrderInfo placed) {
    boolean searchable = Workflow.getVersion(SEARCH_ATTRIBUTES, Workflow.DEFAULT_VERSION, 1) == 1;
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(
          MallSearchAttributes.ORDER_ID.valueSet(placed.orderId()),
          MallSearchAttributes.USER_ID.valueSet(placed.uid()),
          MallSearchAttributes.PRODUCT_ID.valueSet(placed.pid()),
          MallSearchAttributes.SAGA_STATUS.valueSet(MallSearchAttributes.Status.AWAITING_PAYMENT));
    }
    OrderState outcome = payment.awaitOutcome();
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(
          MallSearchAttributes.SAGA_STATUS.valueSet(
              outcome == OrderState.PAID
                  ? MallSearchAttributes.Status.PAID
                  : MallSearchAttributes.Status.CANCELLED));
    }
    return outcome == OrderState.PAID ? LifecycleOutcome.PAID : LifecycleOutcome.CANCELLED;
  }

  @Override
  public PayView createPay(long amount) {
    return payment.createPay(amount);
  }

  @Override
  public PayView payCallback(PayCallback callback) {
    return payment.payCallback(callback);
  }

  @Override
  public OrderState cancel() {
    return payment.cancel();
  }

  @Override
  public void requestCancel() {
    payment.requestCancel();
  }

  @Override
  public OrderState state() {
    return payment.state();
  }
}
