package com.temporalmall.workflows.order;

import com.temporalmall.workflows.IdempotentRequests;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.pay.PayView;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;

/**
 * One execution per order, on the order domain's task queue ({@value OrderContract#TASK_QUEUE}):
 * first the placement saga, then the payment phase. The API starts it with Update-with-Start on
 * {@link OrderContract.Updates#PLACEMENT} and answers the client as soon as the placement is
 * decided; the same execution then waits for payment, cancellation or the payment timer, whichever
 * comes first.
 *
 * <p>Steps and what compensates each (ids are {@link OrderContract.Activities}, {@link
 * com.temporalmall.workflows.product.ProductContract.Activities} and {@link
 * com.temporalmall.workflows.pay.PayContract.Activities}):
 *
 * <ol>
 *   <li>Placement checks ({@code num} at least 1, {@link OrderRequest#amount()} without overflow):
 *       they write nothing, so nothing compensates them.
 *   <li>{@code order.create} (local activity, order database): compensated by {@code
 *       order.createRevert} (local), registered before the call.
 *   <li>{@code product.decrStock} (product worker): compensated by {@code product.decrStockRevert},
 *       registered before the call.
 * </ol>
 *
 * A failed placement step runs the registered compensations newest first, in a detached
 * cancellation scope, and the placement fails with a non-retryable {@link
 * com.temporalmall.workflows.MallFailures} type. The payment phase's steps are decisions, each
 * final and barrier-protected, so none is compensated:
 *
 * <ol start="4">
 *   <li>{@link #createPay}: {@code pay.create} - none; an open pay is closed by step 6.
 *   <li>{@link #payCallback}: {@code pay.markPaid}, then {@code order.markPaid} - none (a payment
 *       is final); a callback that loses to a cancellation runs {@code pay.flagRefund} instead,
 *       once per provider event. A capture found by {@code pay.query} (read-only: the provider is
 *       asked after the request's query delay and when the payment timer fires, if a pay exists) is
 *       applied the same way, as its event.
 *   <li>{@link #cancel}, {@link #requestCancel} or the payment timer: {@code order.cancel}, {@code
 *       product.releaseStock}, {@code pay.close} if a pay exists - none (a cancellation is final;
 *       these steps are what undoes a placed order).
 * </ol>
 */
@WorkflowInterface
public interface OrderSagaWorkflow {
  /** How long a placed order waits for its payment when its request names no timeout. */
  Duration DEFAULT_PAYMENT_TIMEOUT = Duration.ofMinutes(30);

  /**
   * How long after the placement an unpaid order asks the payment provider about its pay when its
   * request names no delay (it asks once more when the payment timer fires).
   */
  Duration DEFAULT_PROVIDER_QUERY_DELAY = Duration.ofMinutes(5);

  /**
   * Completes with the order's final state once it is paid or cancelled; fails with the placement
   * saga's non-retryable {@link com.temporalmall.workflows.MallFailures} type once it compensated.
   */
  @WorkflowMethod(name = OrderContract.Workflows.ORDER_SAGA)
  OrderResult run(OrderRequest request);

  /**
   * The placement outcome: waits until the saga placed the order or compensated (then throws).
   * {@code fingerprint}: the asking request's (see {@link
   * com.temporalmall.workflows.IdempotentRequests}), or null; a different request that reused this
   * order's Idempotency-Key is refused with {@code IdempotencyKeyReused}.
   */
  @UpdateMethod(name = OrderContract.Updates.PLACEMENT)
  PlacedOrder placement(String fingerprint);

  /** The order's one pay: created on the first call, returned again on later calls. */
  @UpdateMethod(name = OrderContract.Updates.CREATE_PAY)
  PayView createPay(long amount);

  /**
   * The provider reports the money taken (its event, signature checked by the API). Each event id
   * is applied once: a duplicate changes nothing and gets the first delivery's answer. An event
   * that loses to a cancellation answers the pay flagged for refund ({@code PayStatus.REFUND_DUE}).
   */
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

  /**
   * How the API starts an order: the placement update attaches to a running execution with the same
   * id (a retried request) and a closed one is never run again; what was asked is searchable
   * (UserId, ProductId, SagaStatus PLACING) and in the memo from the start, for the Web UI and CLI.
   */
  static WorkflowOptions startOptions(String workflowId, OrderRequest request, String fingerprint) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(OrderContract.TASK_QUEUE)
        .setWorkflowIdConflictPolicy(
            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(MallSearchAttributes.USER_ID, request.uid())
                .set(MallSearchAttributes.PRODUCT_ID, request.pid())
                .set(MallSearchAttributes.SAGA_STATUS, MallSearchAttributes.Status.PLACING)
                .build())
        .setMemo(
            IdempotentRequests.memo(
                Map.of("uid", request.uid(), "pid", request.pid(), "num", request.num()),
                fingerprint))
        .build();
  }
}
