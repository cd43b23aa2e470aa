package com.temporalmall.api.web;

import com.temporalmall.workflows.order.OrderLifecycleWorkflow;
import com.temporalmall.workflows.order.OrderLifecycleWorkflow.LifecycleOutcome;
import com.temporalmall.workflows.order.OrderView;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Talks to the lifecycle workflow of one order. Once the lifecycle has ended, its outcome (paid or
 * cancelled) is final and answers every later request: the race between callback, cancellation
 * and timer was decided inside the workflow, once.
 */
@Component
public class OrderLifecycles {
  private final WorkflowClient client;

  public OrderLifecycles(WorkflowClient client) {
    this.client = client;
  }

  public <T> T update(
      OrderView order, Function<OrderLifecycleWorkflow, T> whileOpen, Function<LifecycleOutcome, T> afterEnd) {
    long orderId = order.id();
    String workflowId = OrderLifecycleWorkflow.workflowId(order.gid());
    try {
      return whileOpen.apply(client.newWorkflowStub(OrderLifecycleWorkflow.class, workflowId));
    } catch (WorkflowNotFoundException ended) {
      LifecycleOutcome outcome;
      try {
        outcome = client.newUntypedWorkflowStub(workflowId).getResult(LifecycleOutcome.class);
      } catch (WorkflowNotFoundException never) {
        throw Problems.conflict(
            "order " + orderId + " has no payment lifecycle (it was never placed successfully)");
      }
      return afterEnd.apply(outcome);
    }
  }
}
