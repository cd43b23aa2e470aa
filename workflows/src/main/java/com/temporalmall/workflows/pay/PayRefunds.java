package com.temporalmall.workflows.pay;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * How workflows refund a pay flagged {@link PayStatus#REFUND_DUE}: {@code pay.refund} as an
 * activity task on the pay worker (so it shows by name in the workflow's history), retried until
 * the provider confirms. Workflow code only.
 */
public final class PayRefunds {
  /**
   * The {@code Workflow.getVersion} change id: from version {@value #THROUGH_PROVIDER}, the order
   * workflow's late payment and {@code PayFlagRefund} run {@code pay.refund} after {@code
   * pay.flagRefund}; histories recorded before it (no marker) only flagged the pay.
   */
  public static final String CHANGE_ID = "provider-refunds";

  public static final int THROUGH_PROVIDER = 1;

  /**
   * One attempt: the provider's connect and answer timeouts (1 s and 5 s by default) and the pay
   * database's commit. Retried for as long as it takes - an hour-long provider outage included - at
   * most a minute apart: the provider's Idempotency-Key and the barrier make a retry harmless.
   */
  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setTaskQueue(PayContract.TASK_QUEUE)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(60))
                  .build())
          .build();

  private PayRefunds() {}

  /** The stub workflows call {@code pay.refund} through. */
  public static PayActivities activities() {
    return Workflow.newActivityStub(PayActivities.class, OPTIONS);
  }

  /**
   * Refunds {@code flagged} (a pay just flagged refund due, by the calling workflow) when this
   * execution runs version {@value #THROUGH_PROVIDER} or later; in a history recorded before, the
   * pay stays flagged, as it was.
   */
  public static PayView refundIfVersioned(PayActivities refunds, String gid, PayView flagged) {
    if (Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, THROUGH_PROVIDER)
        < THROUGH_PROVIDER) {
      return flagged;
    }
    return refunds.refund(new PayChange(gid, flagged.id(), flagged.source()));
  }
}
