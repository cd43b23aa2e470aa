package com.temporalmall.workflows.pay;

import com.temporalmall.workflows.rpc.DomainCallContract;
import java.util.Set;

/**
 * The pay domain's Temporal contract: its task queue, its activity names and its workflow ids. The
 * pay domain has no workflow of its own: a pay is created, paid and closed by updates of its
 * order's workflow ({@code OrderContract.Updates}), and the API flags a refund through a {@link
 * com.temporalmall.workflows.rpc.DomainCallWorkflow}, whose id {@link #callWorkflowId} builds.
 *
 * <p>Payloads: {@link PayActivities#create} takes {@link NewPay}; {@link PayActivities#markPaid},
 * {@link PayActivities#close} and {@link PayActivities#flagRefund} take a {@link PayChange}; every
 * pay activity returns a {@link PayView} (status: {@link PayStatus}).
 */
public final class PayContract {
  /** Served only by the pay worker, which alone holds the pay database's credentials. */
  public static final String TASK_QUEUE = "pay";

  private PayContract() {}

  /** Activity names of {@link PayActivities}; each is also its barrier branch. */
  public static final class Activities {
    public static final String CREATE = "pay.create";
    public static final String DETAIL = "pay.detail";
    public static final String MARK_PAID = "pay.markPaid";
    public static final String CLOSE = "pay.close";
    public static final String FLAG_REFUND = "pay.flagRefund";

    /** Every activity name above. */
    public static final Set<String> ALL = Set.of(CREATE, DETAIL, MARK_PAID, CLOSE, FLAG_REFUND);

    private Activities() {}
  }

  /**
   * The id of the DomainCall workflow running pay activity {@code activity} for {@code requestId},
   * e.g. {@code pay.flagRefund-<uuid>}.
   *
   * @throws IllegalArgumentException if {@code activity} is not a pay activity
   */
  public static String callWorkflowId(String activity, String requestId) {
    return DomainCallContract.workflowId(activity, requestId, Activities.ALL);
  }

  /**
   * The activity and request id back from {@link #callWorkflowId}.
   *
   * @throws IllegalArgumentException for an id that is not a call of a pay activity
   */
  public static DomainCallContract.CallId parseCallWorkflowId(String workflowId) {
    return DomainCallContract.parse(workflowId, Activities.ALL);
  }
}
