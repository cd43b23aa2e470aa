package com.temporalmall.workflows.order;

import com.temporalmall.workflows.WriteSteps;
import io.temporal.workflow.Workflow;

/** Each write runs its one order activity locally: one workflow task, no activity task. */
public class OrderWritesImpl implements OrderWrites.Remove {
  private final OrderActivities orders =
      Workflow.newLocalActivityStub(OrderActivities.class, WriteSteps.LOCAL);

  @Override
  public void remove(OrderRemoval removal) {
    orders.remove(removal);
  }
}
