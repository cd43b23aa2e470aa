package com.temporalmall.api.temporal;

import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.api.web.ProblemType;
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
import java.time.Duration;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Sends an update (createPay, payCallback, cancel) to the {@code OrderSaga} workflow of one order,
 * whose id is the order row's gid. Once that workflow has ended, its outcome (paid or cancelled) is
 * final and answers every later request: the race between callback, cancellation and timer was
 * decided inside the workflow, once.
 *
 * <p>The SDK waits for an update until a worker has taken it, without limit: with the order worker
 * down or Temporal silent a request would hang for as long. So each update has a {@link
 * CallDeadline} of {@code mall.api.call-timeout} (40 s, longer than createPay's 25 s of provider
 * attempts): then the client gets a 504 and retries; an update the server had admitted is still
 * applied, once.
 */
@Component
public class OrderPayments {
  private final WorkflowClient client;
  private final Duration timeout;

  public OrderPayments(
      WorkflowClient client, @Value("${mall.api.call-timeout:40s}") Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  public <T> T update(
      OrderView order,
      String update,
      Class<T> result,
      Function<OrderState, T> afterEnd,
      Object... arguments) {
    WorkflowStub workflow = client.newUntypedWorkflowStub(order.gid());
    return CallDeadline.within(
        timeout,
        () -> {
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
        },
        () -> new ProblemException(timedOut(order, update)));
  }

  private ProblemDetail timedOut(OrderView order, String update) {
    ProblemDetail problem =
        Problems.of(
            ProblemType.TIMED_OUT,
            "order "
                + order.id()
                + " did not answer "
                + update
                + " within "
                + timeout.toSeconds()
                + " s (its worker or Temporal is not answering); retry: the request is applied"
                + " once");
    problem.setProperty("workflowId", order.gid());
    return problem;
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
