package com.temporalmall.workflows.pay;

/** Pay status codes (go-zero's pay has 0 and 1; 2 and 3 are this mall's additions). */
public final class PayStatus {
  public static final int UNPAID = 0;
  public static final int PAID = 1;

  /** Its order was cancelled before any payment arrived. */
  public static final int CLOSED = 2;

  /** A payment arrived after its order was cancelled: the money must be given back. */
  public static final int REFUND_DUE = 3;

  private PayStatus() {}
}
