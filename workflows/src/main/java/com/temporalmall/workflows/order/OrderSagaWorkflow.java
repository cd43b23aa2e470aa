package com.temporalmall.workflows.order;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Legacy: superseded by {@link OrderWorkflow}, registered (on {@value
 * OrderContract#LEGACY_TASK_QUEUE}) until its executions have drained. Places one order and fails
 * with a non-retryable ApplicationFailure of a {@link com.temporalmall.workflows.MallFailures} type
 * once compensation has run.
 *
 * <p>Steps and what compensates each:
 *
 * <ol>
 *   <li>{@code product.detail}: the price, checked against the client's amount - none, a read.
 *   <li>{@code order.create}: compensated by {@code order.createRevert}, registered before the
 *       call.
 *   <li>{@code product.decrStock}: compensated by {@code product.decrStockRevert}, registered
 *       before the call.
 *   <li>Starts the order's {@link OrderLifecycleWorkflow} child (abandoned on close) - none; the
 *       lifecycle cancels the order itself if it is not paid.
 * </ol>
 *
 * Compensations run newest first in a detached cancellation scope.
 */
@WorkflowInterface
public interface OrderSagaWorkflow {
  @WorkflowMethod(name = OrderContract.Workflows.ORDER_SAGA)
  PlacedOrder placeOrder(PlaceOrder request);
}
