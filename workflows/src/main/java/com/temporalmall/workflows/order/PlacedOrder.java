package com.temporalmall.workflows.order;

public record PlacedOrder(long orderId, long amount) {}
