package com.temporalmall.workflows.order;

import com.temporalmall.workflows.MallFailures;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;

/** How the order sagas end after a failed step; workflow code only. */
final class Compensations {
  private Compensations() {}

  /**
   * Newest first, in a detached scope so that it also runs when the workflow itself was cancelled.
   * A CompensationException is not a TemporalFailure: left alone it would fail the workflow task
   * forever instead of the workflow.
   */
  static void compensate(Saga saga, String gid) {
    try {
      Workflow.newDetachedCancellationScope(saga::compensate).run();
    } catch (Saga.CompensationException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause(
          "compensation of saga " + gid + " failed: " + e.getMessage(),
          "CompensationFailed",
          e.getCause());
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
