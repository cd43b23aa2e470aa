package com.temporalmall.api.web;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderLifecycleWorkflow.LifecycleOutcome;
import com.temporalmall.workflows.order.OrderResult;
import com.temporalmall.workflows.order.OrderState;
import com.temporalmall.api.order.OrderView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Sends an update (createPay, payCallback, cancel) to the workflow that runs one order's payment:
 * the order's own {@code Order} workflow, or for an order placed before it existed, its legacy
 * {@code OrderLifecycle}. Once that workflow has ended, its outcome (paid or cancelled) is final
 * and answers every later request: the race between callback, cancellation and timer was decided
 * inside the workflow, once.
 */
@Component
public class OrderLifecycles {
  private final WorkflowClient client;

  public OrderLifecycles(WorkflowClient client) {
    this.client = client;
  }

  public <T> T update(
      OrderView order,
      String update,
      Class<T> result,
      Function<OrderState, T> afterEnd,
      Object... arguments) {
    boolean legacy = OrderContract.isLegacySaga(order.gid());
    String workflowId = legacy ? OrderContract.lifecycleWorkflowId(order.gid()) : order.gid();
    WorkflowStub workflow = client.newUntypedWorkflowStub(workflowId);
    try {
      return workflow.update(update, result, arguments);
    } catch (WorkflowNotFoundException ended) {
      return afterEnd.apply(finalState(order.id(), workflow, legacy));
    }
  }

  private static OrderState finalState(long orderId, WorkflowStub workflow, boolean legacy) {
    try {
      return legacy
          ? OrderState.valueOf(workflow.getResult(LifecycleOutcome.class).name())
          : workflow.getResult(OrderResult.class).state();
    } catch (WorkflowNotFoundException | WorkflowFailedException neverPlaced) {
      throw Problems.conflict(
          "order " + orderId + " has no payment lifecycle (it was never placed successfully)");
    }
  }
}
