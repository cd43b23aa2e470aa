package com.temporalmall.workflows.order;

/** The payment provider reports the money of pay {@code payId} taken. */
public record PayCallback(long payId, long amount, int source) {}
