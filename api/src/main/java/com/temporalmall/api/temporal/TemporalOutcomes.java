package com.temporalmall.api.temporal;

import com.temporalmall.api.web.ProblemType;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.MallFailures;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.failure.ApplicationFailure;
import org.springframework.http.ProblemDetail;

/** The one place where a workflow's outcome becomes an HTTP problem. */
public final class TemporalOutcomes {
  private TemporalOutcomes() {}

  public static ProblemDetail problemFor(WorkflowException failure) {
    ApplicationFailure cause = applicationFailure(failure);
    if (cause != null) {
      return problemFor(cause);
    }
    if (failure instanceof WorkflowFailedException) {
      return Problems.of(ProblemType.WORKFLOW_FAILED, failure.getMessage());
    }
    if (failure instanceof WorkflowServiceException) {
      return temporalUnavailable();
    }
    return Problems.of(ProblemType.WORKFLOW_FAILED, failure.getMessage());
  }

  public static ProblemDetail problemFor(ApplicationFailure failure) {
    String detail = failure.getOriginalMessage();
    ProblemDetail problem =
        switch (String.valueOf(failure.getType())) {
          case MallFailures.NOT_FOUND -> Problems.of(ProblemType.NOT_FOUND, detail);
          case MallFailures.CONFLICT -> Problems.of(ProblemType.CONFLICT, detail);
          case MallFailures.FORBIDDEN -> Problems.of(ProblemType.FORBIDDEN, detail);
          case MallFailures.INSUFFICIENT_STOCK ->
              Problems.of(ProblemType.INSUFFICIENT_STOCK, detail);
          case MallFailures.IDEMPOTENCY_KEY_REUSED -> keyReusedProblem(detail);
          case MallFailures.INVALID_REQUEST -> Problems.of(ProblemType.INVALID_REQUEST, detail);
          case MallFailures.ORDER_COMPENSATED -> Problems.of(ProblemType.ORDER_COMPENSATED, detail);
          case MallFailures.PAYMENT_PROVIDER_UNAVAILABLE ->
              Problems.of(ProblemType.PAYMENT_PROVIDER_UNAVAILABLE, detail);
          default -> Problems.of(ProblemType.WORKFLOW_FAILED, detail);
        };
    if (failure.getDetails().getSize() > 0) {
      problem.setProperty("orderId", failure.getDetails().get(Long.class));
    }
    return problem;
  }

  /**
   * A different request sent with an Idempotency-Key already used: 422, as the IETF httpapi
   * Idempotency-Key draft answers it; nothing runs.
   */
  public static ProblemDetail keyReused(String workflowId) {
    return keyReusedProblem(
        "the Idempotency-Key of "
            + workflowId
            + " was first used for a different request; use a new key for a new request");
  }

  private static ProblemDetail keyReusedProblem(String detail) {
    return Problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED, detail);
  }

  public static ProblemDetail temporalUnavailable() {
    return Problems.of(
        ProblemType.TEMPORAL_UNAVAILABLE, "The workflow service cannot be reached; retry later");
  }

  /** Temporal did not start the workflow of a placement; nothing ran. */
  public static ProblemDetail notStarted(String workflowId) {
    ProblemDetail problem =
        Problems.of(
            ProblemType.TEMPORAL_UNAVAILABLE,
            "The workflow service did not start workflow "
                + workflowId
                + "; nothing ran: retry with the same Idempotency-Key");
    problem.setProperty("workflowId", workflowId);
    return problem;
  }

  /**
   * The API stopped waiting; the workflow goes on and its outcome is durable: the client retries
   * with the same Idempotency-Key to get it.
   */
  public static ProblemDetail timedOut(String workflowId) {
    ProblemDetail problem =
        Problems.of(
            ProblemType.TIMED_OUT,
            "Workflow "
                + workflowId
                + " did not finish in time; it keeps running and its outcome is"
                + " durable: retry with the same Idempotency-Key to get it");
    problem.setProperty("workflowId", workflowId);
    return problem;
  }

  public static boolean isUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException) {
        return true;
      }
    }
    return false;
  }

  private static ApplicationFailure applicationFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application;
      }
    }
    return null;
  }
}
