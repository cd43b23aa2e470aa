package com.temporalmall.sandbox;

import java.util.List;

/**
 * The sandbox provider's books: every capture and every refund, so a test can compare them with the
 * merchant's. {@code kind} is {@value #CAPTURE} (id: the checkout's) or {@value #REFUND} (id: the
 * refund's); {@code idempotencyKey} is the merchant's key the checkout was opened, or the refund
 * asked, with (null: none).
 */
public record Ledger(List<Entry> entries) {
  public static final String CAPTURE = "capture";
  public static final String REFUND = "refund";

  public record Entry(
      String kind,
      String id,
      String checkout,
      long reference,
      long amount,
      String currency,
      String idempotencyKey) {}
}
