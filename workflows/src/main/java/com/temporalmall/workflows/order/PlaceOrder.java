package com.temporalmall.workflows.order;

/**
 * Input of {@link OrderSagaWorkflow}. {@code uid} comes from the caller's token. {@code
 * clientAmount} is what the client sent, or null: the saga rejects it when it differs from price x
 * num.
 */
public record PlaceOrder(long uid, long pid, int num, Long clientAmount) {}
