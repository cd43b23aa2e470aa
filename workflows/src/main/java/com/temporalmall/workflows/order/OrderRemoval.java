package com.temporalmall.workflows.order;

/** Removal of order {@code orderId} on behalf of user {@code uid}. */
public record OrderRemoval(String gid, long uid, long orderId) {}
