package com.temporalmall.workflows.order;

import com.temporalmall.workflows.pay.PayView;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * Legacy: superseded by {@link OrderWorkflow} (one execution per order); kept registered (on
 * {@value OrderContract#LEGACY_TASK_QUEUE}) until the lifecycles of orders placed by {@link
 * OrderSagaWorkflow} have drained.
 *
 * <p>The life of one placed order after its saga: it waits for payment and is the single arbiter
 * between the payment callback, a cancellation by its owner and the payment timeout. Whichever
 * reaches the workflow first wins; the others see the outcome (see {@link LifecycleOutcome}).
 *
 * <p>Steps and what compensates each - every step is a final, barrier-protected decision, so none
 * is compensated:
 *
 * <ol>
 *   <li>{@link #createPay}: {@code pay.create} - none; an open pay is closed by step 3.
 *   <li>{@link #payCallback}: {@code pay.markPaid}, then {@code order.markPaid} - none (a payment
 *       is final); a callback that loses to a cancellation runs {@code pay.flagRefund} instead.
 *   <li>{@link #cancel}, {@link #requestCancel} or the payment timer: {@code order.cancel}, {@code
 *       product.releaseStock}, {@code pay.close} if a pay exists - none (a cancellation is final).
 * </ol>
 */
@WorkflowInterface
public interface OrderLifecycleWorkflow {
  Duration DEFAULT_PAYMENT_TIMEOUT = Duration.ofMinutes(30);

  @WorkflowMethod(name = OrderContract.Workflows.ORDER_LIFECYCLE)
  LifecycleOutcome run(PlacedOrderInfo order);

  /** The order's one pay: created on the first call, returned again on later calls. */
  @UpdateMethod(name = OrderContract.Updates.CREATE_PAY)
  PayView createPay(long amount);

  /** The provider reports the money taken. Duplicates change nothing. */
  @UpdateMethod(name = OrderContract.Updates.PAY_CALLBACK)
  PayView payCallback(PayCallback callback);

  /** The owner cancels the unpaid order: stock is released, an open pay closed. */
  @UpdateMethod(name = OrderContract.Updates.CANCEL)
  OrderState cancel();

  /**
   * For operators (`temporal workflow signal --name requestCancel`): cancels the order if it is
   * still unpaid, exactly as the timer would; ignored once it is paid or cancelled.
   */
  @SignalMethod(name = OrderContract.Signals.REQUEST_CANCEL)
  void requestCancel();

  @QueryMethod(name = OrderContract.Queries.STATE)
  OrderState state();

  /** What the lifecycle needs to know about its order. */
  record PlacedOrderInfo(
      long orderId, long uid, long pid, int num, long amount, Duration paymentTimeout) {}

  enum LifecycleOutcome {
    PAID,
    CANCELLED
  }
}
