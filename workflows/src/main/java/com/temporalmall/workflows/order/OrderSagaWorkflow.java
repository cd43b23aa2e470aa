package com.temporalmall.workflows.order;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Places one order: {@code order.create} then {@code product.decrStock}, each with its compensation
 * registered before the call. Fails with a non-retryable ApplicationFailure of a {@link
 * com.temporalmall.workflows.MallFailures} type once compensation has run.
 */
@WorkflowInterface
public interface OrderSagaWorkflow {
  @WorkflowMethod(name = OrderContract.Workflows.ORDER_SAGA)
  PlacedOrder placeOrder(PlaceOrder request);
}
