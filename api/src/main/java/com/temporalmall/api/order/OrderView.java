package com.temporalmall.api.order;

/** {@code gid}: the id of the saga that placed the order (find it in the Temporal Web UI). */
public record OrderView(
    long id, long uid, long pid, long amount, int num, int status, String gid) {}
