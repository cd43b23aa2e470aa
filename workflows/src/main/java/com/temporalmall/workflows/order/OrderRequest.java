package com.temporalmall.workflows.order;

import java.time.Duration;

/**
 * Input of {@link OrderSagaWorkflow}. {@code uid} comes from the caller's token; {@code unitPrice}
 * is the price the API read and checked against the client's amount: the stock step refuses the
 * order if the product's price changed since. {@code paymentTimeout}: how long the placed order
 * waits for its payment before it is cancelled (null: {@link
 * OrderSagaWorkflow#DEFAULT_PAYMENT_TIMEOUT}). {@code providerQueryDelay}: how long after the
 * placement the order asks the payment provider about a pay whose callback has not come (null:
 * {@link OrderSagaWorkflow#DEFAULT_PROVIDER_QUERY_DELAY}; absent from histories recorded before the
 * provider was asked).
 */
public record OrderRequest(
    long uid,
    long pid,
    int num,
    long unitPrice,
    Duration paymentTimeout,
    Duration providerQueryDelay) {

  /** A request with the default provider query delay. */
  public OrderRequest(long uid, long pid, int num, long unitPrice, Duration paymentTimeout) {
    this(uid, pid, num, unitPrice, paymentTimeout, null);
  }

  /**
   * What the order costs: unit price x num, the one place it is computed (the API checks the
   * client's amount against it, the saga writes it into the order row).
   *
   * @throws ArithmeticException if it overflows
   */
  public long amount() {
    return Math.multiplyExact(unitPrice, (long) num);
  }
}
