package com.temporalmall.workflows.order;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The order domain's single-step writes, one typed workflow each, asked for by the API (which holds
 * no write credentials). They run on {@value OrderContract#TASK_QUEUE}, in the worker that owns the
 * order database, and run their one activity there as a local activity (see {@link
 * com.temporalmall.workflows.WriteSteps}); the workflow id, built by {@link OrderContract}, comes
 * from the client's Idempotency-Key or a fresh UUID, so a retried request never writes twice. The
 * activity's business failure (e.g. NotFound) is the workflow's failure.
 */
public final class OrderWrites {
  private OrderWrites() {}

  /**
   * Deletes a cancelled (status 9) order of its owner: {@code Forbidden} for another user's order,
   * {@code Conflict} while it is open or paid.
   *
   * <p>Steps and what compensates each: {@code order.remove}, run locally - none: a single-step
   * write, made idempotent by its barrier row (gid = this workflow's id).
   */
  @WorkflowInterface
  public interface Remove {
    @WorkflowMethod(name = OrderContract.Workflows.REMOVE)
    void remove(OrderRemoval removal);
  }
}
