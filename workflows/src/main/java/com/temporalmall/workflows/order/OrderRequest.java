package com.temporalmall.workflows.order;

import java.time.Duration;

/**
 * Input of {@link OrderWorkflow}. {@code uid} comes from the caller's token; {@code unitPrice} is
 * the price the API read and checked against the client's amount: the stock step refuses the order
 * if the product's price changed since. {@code paymentTimeout}: how long the placed order waits for
 * its payment before it is cancelled (null: {@link
 * OrderLifecycleWorkflow#DEFAULT_PAYMENT_TIMEOUT}).
 */
public record OrderRequest(long uid, long pid, int num, long unitPrice, Duration paymentTimeout) {}
