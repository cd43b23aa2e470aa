package com.temporalmall.workflows.order;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallMetrics;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.TaskQueues;
import com.temporalmall.workflows.pay.NewPay;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayChange;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.StockChange;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Waits for the payment of one order. Workflow code runs one handler at a time, so the first of
 * payment callback, owner cancellation and payment timeout to change {@link #state} wins; the
 * others observe it: a callback after a cancellation flags its pay for refund rather than losing
 * the money, a cancellation after a payment is refused.
 */
public class OrderLifecycleWorkflowImpl implements OrderLifecycleWorkflow {
  private static final Logger log = Workflow.getLogger(OrderLifecycleWorkflowImpl.class);

  /** Once the lifecycle has decided, its steps must happen: retried until they do (barrier-safe). */
  static final ActivityOptions DECIDED_STEP =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  private final OrderActivities orders = stub(OrderActivities.class, TaskQueues.ORDER);
  private final ProductActivities products = stub(ProductActivities.class, TaskQueues.PRODUCT);
  private final PayActivities pays = stub(PayActivities.class, TaskQueues.PAY);

  private final PlacedOrderInfo order;
  private final String gid;
  private LifecycleState state = LifecycleState.AWAITING_PAYMENT;
  private PayView pay;
  private boolean creatingPay;
  private boolean searchable;
  private boolean cancelRequested;
  static final String SEARCH_ATTRIBUTES = "search-attributes";

  private static <T> T stub(Class<T> activities, String taskQueue) {
    return Workflow.newActivityStub(
        activities, ActivityOptions.newBuilder(DECIDED_STEP).setTaskQueue(taskQueue).build());
  }

  /** Runs before any handler: an update may be delivered in the same task as the start. */
  @WorkflowInit
  public OrderLifecycleWorkflowImpl(PlacedOrderInfo placed) {
    order = placed;
    gid = Workflow.getInfo().getWorkflowId();
  }

  @Override
  public LifecycleOutcome run(PlacedOrderInfo placed) {
    if (Workflow.getVersion(SEARCH_ATTRIBUTES, Workflow.DEFAULT_VERSION, 1) == 1) {
      searchable = true;
      Workflow.upsertTypedSearchAttributes(
          MallSearchAttributes.ORDER_ID.valueSet(placed.orderId()),
          MallSearchAttributes.USER_ID.valueSet(placed.uid()),
          MallSearchAttributes.PRODUCT_ID.valueSet(placed.pid()),
          MallSearchAttributes.SAGA_STATUS.valueSet(MallSearchAttributes.Status.AWAITING_PAYMENT));
    }
    Duration timeout =
        placed.paymentTimeout() == null ? DEFAULT_PAYMENT_TIMEOUT : placed.paymentTimeout();
    boolean decided =
        Workflow.await(timeout, () -> state != LifecycleState.AWAITING_PAYMENT || cancelRequested);
    if (state == LifecycleState.AWAITING_PAYMENT) {
      if (decided) {
        log.info("order {}: cancellation requested by an operator", order.orderId());
      } else {
        log.info("order {} not paid within {}: cancelling", order.orderId(), timeout);
        Workflow.getMetricsScope().counter(MallMetrics.PAYMENT_TIMEOUTS).inc(1);
      }
      cancelUnpaidOrder();
    }
    Workflow.await(
        () ->
            (state == LifecycleState.PAID || state == LifecycleState.CANCELLED)
                && Workflow.isEveryHandlerFinished());
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(
          MallSearchAttributes.SAGA_STATUS.valueSet(
              state == LifecycleState.PAID
                  ? MallSearchAttributes.Status.PAID
                  : MallSearchAttributes.Status.CANCELLED));
    }
    return state == LifecycleState.PAID ? LifecycleOutcome.PAID : LifecycleOutcome.CANCELLED;
  }

  /**
   * Checks run in the handlers, not in update validators: with SDK 1.38 a validator's
   * ApplicationFailure reaches the client with its type replaced, and the API maps on the type.
   */
  private void checkCreatePay(long amount) {
    if (isCancelled()) {
      throw MallFailures.conflict("order " + order.orderId() + " is cancelled");
    }
    if (amount != order.amount()) {
      throw MallFailures.invalidRequest(
          "amount " + amount + " does not match order " + order.orderId() + " amount " + order.amount());
    }
  }

  @Override
  public PayView createPay(long amount) {
    checkCreatePay(amount);
    if (pay == null && !creatingPay) {
      creatingPay = true;
      pay = pays.create(new NewPay(gid, order.uid(), order.orderId(), order.amount()));
      creatingPay = false;
    }
    Workflow.await(() -> pay != null);
    return pay;
  }

  private void checkPayCallback(PayCallback callback) {
    if (pay == null || pay.id() != callback.payId()) {
      throw MallFailures.notFound(
          "pay " + callback.payId() + " is not the pay of order " + order.orderId());
    }
    if (callback.amount() != pay.amount()) {
      throw MallFailures.invalidRequest(
          "amount " + callback.amount() + " does not match pay " + pay.id() + " amount " + pay.amount());
    }
  }

  @Override
  public PayView payCallback(PayCallback callback) {
    checkPayCallback(callback);
    switch (state) {
      case AWAITING_PAYMENT -> {
        state = LifecycleState.PAYING;
        pay = pays.markPaid(new PayChange(gid, pay.id(), callback.source()));
        orders.markPaid(new OrderChange(gid, order.orderId()));
        state = LifecycleState.PAID;
        Workflow.getMetricsScope().counter(MallMetrics.ORDERS_PAID).inc(1);
        log.info("order {} paid with pay {}", order.orderId(), pay.id());
      }
      case PAYING -> Workflow.await(() -> state == LifecycleState.PAID);
      case PAID -> {}
      case CANCELLING, CANCELLED -> {
        // The money arrived too late: the order lost the race, so the pay is flagged for refund.
        Workflow.await(() -> state == LifecycleState.CANCELLED);
        pay = pays.flagRefund(new PayChange(gid, pay.id(), callback.source()));
        throw MallFailures.conflict(
            "order " + order.orderId() + " was cancelled before the payment arrived; pay "
                + pay.id() + " is flagged for refund");
      }
    }
    return pay;
  }

  @Override
  public LifecycleState cancel() {
    switch (state) {
      case AWAITING_PAYMENT -> cancelUnpaidOrder();
      case PAYING, PAID -> throw MallFailures.conflict("order " + order.orderId() + " is paid");
      case CANCELLING, CANCELLED -> Workflow.await(() -> state == LifecycleState.CANCELLED);
    }
    return state;
  }

  @Override
  public void requestCancel() {
    cancelRequested = true;
  }

  @Override
  public LifecycleState state() {
    return state;
  }

  private boolean isCancelled() {
    return state == LifecycleState.CANCELLING || state == LifecycleState.CANCELLED;
  }

  /** Order invalid, its stock back, an open pay closed: each step once, thanks to the barrier. */
  private void cancelUnpaidOrder() {
    state = LifecycleState.CANCELLING;
    orders.cancel(new OrderChange(gid, order.orderId()));
    products.releaseStock(new StockChange(gid, order.pid(), order.num()));
    Workflow.await(() -> !creatingPay);
    if (pay != null) {
      pay = pays.close(new PayChange(gid, pay.id(), 0));
    }
    state = LifecycleState.CANCELLED;
    log.info("order {} cancelled", order.orderId());
  }
}
