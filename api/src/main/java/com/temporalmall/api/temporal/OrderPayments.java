package com.temporalmall.api.temporal;

import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.api.web.ProblemType;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.order.OrderResult;
import com.temporalmall.workflows.order.OrderState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
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

  private static OrderState finalState(long orderId, WorkflowStub workflow) {
    try {
      return workflow.getResult(OrderResult.class).state();
    } catch (WorkflowNotFoundException | WorkflowFailedException neverPlaced) {
      throw Problems.conflict(
          "order " + orderId + " has no payment phase (it was never placed successfully)");
    }
  }
}
