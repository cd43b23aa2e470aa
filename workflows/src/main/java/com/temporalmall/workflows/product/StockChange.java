package com.temporalmall.workflows.product;

/**
 * gid is the saga's workflow id: with the step name it keys the barrier rows. {@code unitPrice}:
 * the price the order was accepted at; {@code product.decrStock} refuses the order when the
 * product's price differs (null: no check, as for orders placed by the legacy saga).
 */
public record StockChange(String gid, long pid, int num, Long unitPrice) {
  public StockChange(String gid, long pid, int num) {
    this(gid, pid, num, null);
  }
}
