package com.temporalmall.workflows.product;

/**
 * gid is the order's workflow id: with the step name it keys the barrier rows. {@code unitPrice}:
 * the price the order was accepted at; {@code product.decrStock} refuses the order when the
 * product's price differs.
 */
public record StockChange(String gid, long pid, int num, long unitPrice) {}
