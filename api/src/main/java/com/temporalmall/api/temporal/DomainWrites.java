package com.temporalmall.api.temporal;

import com.temporalmall.api.web.ProblemException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs one single-step write workflow of a domain ({@code UserWrites}, {@code ProductWrites},
 * {@code OrderWrites}, {@code PayWrites}) and waits for its result: the API, which holds no write
 * credentials, changes a domain only through the worker that owns its database.
 */
@Component
public class DomainWrites {
  private final WorkflowClient client;
  private final Duration timeout;

  public DomainWrites(
      WorkflowClient client, @Value("${mall.api.call-timeout:40s}") Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** The request id of a write that carries no Idempotency-Key. */
  public static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  /**
   * Starts workflow {@code type} as {@code workflowId} on {@code taskQueue} ({@code start} calls
   * its method, e.g. {@code w -> WorkflowClient.start(w::create, product)}) and returns its result.
   * If that id already ran (a retried request with the same Idempotency-Key), its first outcome is
   * returned and nothing runs twice. A workflow that fails with a business failure throws a {@code
   * WorkflowFailedException}, which the API maps to its problem.
   */
  public <W, R> R run(
      Class<W> type, String taskQueue, String workflowId, Class<R> result, Consumer<W> start) {
    W workflow =
        client.newWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
    try {
      start.accept(workflow);
    } catch (WorkflowExecutionAlreadyStarted firstAttempt) {
      // The first attempt's outcome answers the retry.
    }
    try {
      return client
          .newUntypedWorkflowStub(workflowId)
          .getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, result);
    } catch (TimeoutException e) {
      throw new ProblemException(TemporalOutcomes.timedOut(workflowId));
    }
  }
}
