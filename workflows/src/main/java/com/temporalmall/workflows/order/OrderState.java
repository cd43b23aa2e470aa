package com.temporalmall.workflows.order;

/**
 * Where an order stands in its workflow ({@code state} query). {@link #PLACING} and {@link
 * #REJECTED} belong to the placement saga; the others to the payment phase that follows it.
 */
public enum OrderState {
  PLACING,
  AWAITING_PAYMENT,
  PAYING,
  PAID,
  CANCELLING,
  CANCELLED,
  /** The placement saga compensated: the order row has status 9, its stock was never taken. */
  REJECTED
}
