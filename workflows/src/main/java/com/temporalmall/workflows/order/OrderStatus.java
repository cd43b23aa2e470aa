package com.temporalmall.workflows.order;

/** Order status codes, as in the go-zero mall. */
public final class OrderStatus {
  public static final int CREATED = 0;
  public static final int PAID = 1;

  /** Saga compensated or cancelled. */
  public static final int INVALID = 9;

  private OrderStatus() {}
}
