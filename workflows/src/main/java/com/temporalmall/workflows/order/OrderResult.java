package com.temporalmall.workflows.order;

/**
 * How a placed order ended: {@code state} is {@link OrderState#PAID} or {@link
 * OrderState#CANCELLED}.
 */
public record OrderResult(long orderId, long amount, OrderState state) {}
