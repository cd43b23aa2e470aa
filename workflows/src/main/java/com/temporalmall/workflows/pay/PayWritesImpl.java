package com.temporalmall.workflows.pay;

import com.temporalmall.workflows.WriteSteps;
import io.temporal.workflow.Workflow;

/**
 * Each write runs its one pay activity locally: one workflow task, no activity task. {@code
 * PayFlagRefund} then refunds the pay it flagged ({@link PayRefunds}), as an activity task retried
 * until the provider confirms.
 */
public class PayWritesImpl implements PayWrites.FlagRefund {
  private final PayActivities pays =
      Workflow.newLocalActivityStub(PayActivities.class, WriteSteps.LOCAL);
  private final PayActivities refunds = PayRefunds.activities();

  @Override
  public PayView flagRefund(PayChange change) {
    PayView flagged = pays.flagRefund(change);
    return PayRefunds.refundIfVersioned(refunds, change.gid(), flagged);
  }
}
