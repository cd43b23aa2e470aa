package com.temporalmall.workflows.order;

import java.time.Duration;

/**
 * Input of {@link OrderSagaWorkflow}. {@code uid} comes from the caller's token. {@code
 * clientAmount} is what the client sent, or null: the saga rejects it when it differs from price x
 * num. {@code paymentTimeout}: how long the placed order waits for its payment before it is
 * cancelled (null: {@link OrderLifecycleWorkflow#DEFAULT_PAYMENT_TIMEOUT}).
 */
public record PlaceOrder(long uid, long pid, int num, Long clientAmount, Duration paymentTimeout) {
  public PlaceOrder(long uid, long pid, int num, Long clientAmount) {
    this(uid, pid, num, clientAmount, null);
  }
}
