package com.temporalmall.workflows.pay;

/**
 * The pay domain's Temporal contract: its task queue, workflow type, activity names and workflow
 * ids. A pay is created, paid and closed by updates of its order's saga ({@code
 * OrderContract.Updates}); the API flags a late payment for refund, and refunds it, through {@link
 * PayWrites.FlagRefund}.
 *
 * <p>Payloads: {@link PayActivities#create} takes {@link NewPay}; {@link PayActivities#markPaid},
 * {@link PayActivities#close}, {@link PayActivities#flagRefund} and {@link PayActivities#refund}
 * (and {@link PayWrites.FlagRefund}) take a {@link PayChange}; each returns a {@link PayView}
 * (status: {@link PayStatus}); {@link PayActivities#query} takes a {@link PayView} and returns a
 * {@link ProviderPayment}.
 */
public final class PayContract {
  /** Served only by the pay worker, which alone holds the pay database's credentials. */
  public static final String TASK_QUEUE = "pay";

  private PayContract() {}

  /** Workflow types of {@link PayWrites}. */
  public static final class Workflows {
    public static final String FLAG_REFUND = "PayFlagRefund";

    private Workflows() {}
  }

  /** Activity names of {@link PayActivities}; each is also its barrier branch. */
  public static final class Activities {
    public static final String CREATE = "pay.create";
    public static final String MARK_PAID = "pay.markPaid";
    public static final String CLOSE = "pay.close";
    public static final String FLAG_REFUND = "pay.flagRefund";
    public static final String REFUND = "pay.refund";

    /** Read-only: asks the provider about a pay's checkout; no barrier row. */
    public static final String QUERY = "pay.query";

    private Activities() {}
  }

  /** {@code pay.flagRefund-<requestId>}: the id of a {@link PayWrites.FlagRefund} workflow. */
  public static String flagRefundWorkflowId(String requestId) {
    return Activities.FLAG_REFUND + "-" + requestId;
  }
}
