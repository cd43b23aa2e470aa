package com.temporalmall.workflows.order;

import com.temporalmall.workflows.MallFailures;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;

/** How the order sagas end after a failed step; workflow code only. */
final class Compensations {
  private Compensations() {}

  /**
   * Version 1: a compensation that fails for good ends the saga with {@link
   * MallFailures#COMPENSATION_FAILED}, its placement update answered, as the ones that compensated
   * are. Before, a sequential {@link Saga} rethrew the compensation's own failure (an
   * ActivityFailure, not the CompensationException caught here), which escaped the workflow method
   * and failed the execution with it.
   */
  static final String COMPENSATION_FAILURE = "compensation-failure";

  private static final int COMPENSATION_FAILED_ANSWERED = 1;

  /**
   * Newest first, in a detached scope so that it also runs when the workflow itself was cancelled.
   * Compensations retry technical errors until they are done, so only a non-retryable failure (a
   * bug) gets here.
   */
  static void compensate(Saga saga, String gid) {
    try {
      Workflow.newDetachedCancellationScope(saga::compensate).run();
    } catch (Saga.CompensationException | ActivityFailure e) {
      if (e instanceof ActivityFailure
          && Workflow.getVersion(
                  COMPENSATION_FAILURE, Workflow.DEFAULT_VERSION, COMPENSATION_FAILED_ANSWERED)
              == Workflow.DEFAULT_VERSION) {
        throw e; // histories recorded before version 1
      }
      Throwable cause = e instanceof Saga.CompensationException ? e.getCause() : e;
      ApplicationFailure reason = applicationFailure(cause);
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "compensation of saga "
              + gid
              + " failed: "
              + (reason == null ? cause.getMessage() : reason.getOriginalMessage()),
          MallFailures.COMPENSATION_FAILED,
          cause);
    }
  }

  /**
   * A business rejection keeps its type (the API maps it to 404/409); anything else becomes {@link
   * MallFailures#ORDER_COMPENSATED}. Details: [orderId] when the order row was written.
   */
  static ApplicationFailure failureAfterCompensation(
      String step, RuntimeException failure, Long orderId) {
    Object[] details = orderId == null ? new Object[0] : new Object[] {orderId};
    ApplicationFailure cause = applicationFailure(failure);
    String type = cause == null ? null : cause.getType();
    if (MallFailures.INSUFFICIENT_STOCK.equals(type)
        || MallFailures.NOT_FOUND.equals(type)
        || MallFailures.CONFLICT.equals(type)) {
      return ApplicationFailure.newNonRetryableFailure(cause.getOriginalMessage(), type, details);
    }
    String reason =
        cause != null ? cause.getOriginalMessage() : String.valueOf(failure.getMessage());
    return ApplicationFailure.newNonRetryableFailure(
        "order not placed: step " + step + " failed (" + reason + "); the saga compensated",
        MallFailures.ORDER_COMPENSATED,
        details);
  }

  static ApplicationFailure applicationFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application;
      }
    }
    return null;
  }
}
