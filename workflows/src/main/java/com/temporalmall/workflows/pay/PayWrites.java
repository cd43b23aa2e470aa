package com.temporalmall.workflows.pay;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The pay domain's single-step writes, one typed workflow each, asked for by the API (which holds
 * no write credentials). They run on {@value PayContract#TASK_QUEUE}, in the worker that owns the
 * pay database, and run their one activity there as a local activity (see {@link
 * com.temporalmall.workflows.WriteSteps}); the workflow id, built by {@link PayContract}, comes
 * from the client's Idempotency-Key or a fresh UUID, so a retried request never writes twice. The
 * activity's business failure (e.g. NotFound) is the workflow's failure.
 */
public final class PayWrites {
  private PayWrites() {}

  /**
   * Flags the pay of a cancelled order for refund (a late payment callback that lost to the
   * cancellation after the order's workflow had ended), then refunds it through the provider.
   *
   * <p>Steps and what compensates each: {@code pay.flagRefund}, run locally - none, made idempotent
   * by its barrier row (gid = this workflow's id); then (version {@value PayRefunds#CHANGE_ID} 1)
   * {@code pay.refund}, an activity task retried until the provider confirms - none: money given
   * back is final, made idempotent by the provider's key per pay and its barrier row.
   */
  @WorkflowInterface
  public interface FlagRefund {
    @WorkflowMethod(name = PayContract.Workflows.FLAG_REFUND)
    PayView flagRefund(PayChange change);
  }
}
