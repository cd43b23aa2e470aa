package com.temporalmall.workflows.product;

/** gid is the saga's workflow id: with the step name it keys the barrier rows. */
public record StockChange(String gid, long pid, int num) {}
