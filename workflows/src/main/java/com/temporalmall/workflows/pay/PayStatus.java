package com.temporalmall.workflows.pay;

/** Pay status codes (go-zero's pay has 0 and 1; 2, 3 and 4 are this mall's additions). */
public final class PayStatus {
  public static final int UNPAID = 0;
  public static final int PAID = 1;

  /** Its order was cancelled before any payment arrived. */
  public static final int CLOSED = 2;

  /** A payment arrived after its order was cancelled: the money must be given back. */
  public static final int REFUND_DUE = 3;

  /** A refund-due pay the provider gave back (its refund confirmed by {@code pay.refund}). */
  public static final int REFUNDED = 4;

  private PayStatus() {}
}
