package com.temporalmall.workflows.order;

/** amount = unit price x num, computed by the saga, never taken from the client. */
public record NewOrder(String gid, long uid, long pid, int num, long amount) {}
