package com.temporalmall.api.temporal;

import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.order.OrderResult;
import com.temporalmall.workflows.order.OrderState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Sends an update (createPay, payCallback, cancel) to the {@code OrderSaga} workflow of one order,
 * whose id is the order row's gid. Once that workflow has ended, its outcome (paid or cancelled) is
 * final and answers every later request: the race between callback, cancellation and timer was
 * decided inside the workflow, once.
 */
@Component
public class OrderPayments {
  private final WorkflowClient client;

  public OrderPayments(WorkflowClient client) {
    this.client = client;
  }

  public <T> T update(
      OrderView order,
      String update,
      Class<T> result,
      Function<OrderState, T> afterEnd,
      Object... arguments) {
    WorkflowStub workflow = client.newUntypedWorkflowStub(order.gid());
    try {
      return workflow.update(update, result, arguments);
    } catch (WorkflowNotFoundException ended) {
      return afterEnd.apply(finalState(order.id(), workflow));
    }
  }

  private static OrderState finalState(long orderId, WorkflowStub workflow) {
    try {
      return workflow.getResult(OrderResult.class).state();
    } catch (WorkflowNotFoundException | WorkflowFailedException neverPlaced) {
      throw Problems.conflict(
          "order " + orderId + " has no payment phase (it was never placed successfully)");
    }
  }
}
