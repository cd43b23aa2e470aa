package com.temporalmall.workflows.order;

/** A barrier-protected change of order {@code orderId} by workflow {@code gid}. */
public record OrderChange(String gid, long orderId) {}
