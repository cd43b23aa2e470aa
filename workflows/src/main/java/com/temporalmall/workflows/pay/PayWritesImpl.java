package com.temporalmall.workflows.pay;

import com.temporalmall.workflows.WriteSteps;
import io.temporal.workflow.Workflow;

/** Each write runs its one pay activity locally: one workflow task, no activity task. */
public class PayWritesImpl implements PayWrites.FlagRefund {
  private final PayActivities pays =
      Workflow.newLocalActivityStub(PayActivities.class, WriteSteps.LOCAL);

  @Override
  public PayView flagRefund(PayChange change) {
    return pays.flagRefund(change);
  }
}
