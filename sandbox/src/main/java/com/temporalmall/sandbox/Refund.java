package com.temporalmall.sandbox;

/**
 * A refund of a captured checkout: {@code amount} in {@code currency} given back to the buyer of
 * the merchant's {@code reference}; the sandbox settles it at once, so its status is {@value
 * #SUCCEEDED}. {@code idempotencyKey}: the merchant's key it was asked with (null: none).
 */
public record Refund(
    String id,
    String checkout,
    long reference,
    long amount,
    String currency,
    String status,
    String idempotencyKey,
    long created) {
  public static final String SUCCEEDED = "succeeded";
}
