package com.temporalmall.api.temporal;

import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.order.OrderResult;
import com.temporalmall.workflows.order.OrderState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
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
    } catch (WorkflowUpdateException failed) {
      // A business refusal is the answer; without one, the execution closed under the update.
      if (OrderPlacements.undecided(failed) && hasClosed(workflow)) {
        return afterEnd.apply(finalState(order.id(), workflow));
      }
      throw failed;
    }
  }

  private static boolean hasClosed(WorkflowStub workflow) {
    return workflow.describe().getStatus()
        != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /**
   * PAID or CANCELLED once the order's workflow completed. An order that was never placed, or whose
   * workflow was ended otherwise (terminated, cancelled or timed out by an operator, or failed on a
   * technical error) has no payment phase left to decide: 409, final.
   */
  private static OrderState finalState(long orderId, WorkflowStub workflow) {
    try {
      return workflow.getResult(OrderResult.class).state();
    } catch (WorkflowNotFoundException neverPlaced) {
      throw Problems.conflict(
          "order " + orderId + " has no payment phase (it was never placed successfully)");
    } catch (WorkflowFailedException ended) {
      if (ended.getWorkflowCloseEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
          && !OrderPlacements.undecided(ended)) {
        throw Problems.conflict(
            "order " + orderId + " has no payment phase (it was never placed successfully)");
      }
      throw Problems.conflict(
          "order "
              + orderId
              + "'s workflow has ended ("
              + ended.getWorkflowCloseEventType()
              + ") without deciding its payment; nothing changes");
    }
  }
}
