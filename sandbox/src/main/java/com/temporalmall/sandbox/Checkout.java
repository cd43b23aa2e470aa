package com.temporalmall.sandbox;

import java.util.List;

/**
 * A checkout of the sandbox provider: {@code amount} in {@code currency} for the merchant's {@code
 * reference} (the mall's pay id); status {@value #OPEN}, then {@value #CAPTURED} once paid. {@code
 * events}: what was sent to the merchant about it, with its delivery so far.
 */
public record Checkout(
    String id,
    long reference,
    long amount,
    String currency,
    String status,
    long created,
    List<EventDelivery> events) {
  public static final String OPEN = "open";
  public static final String CAPTURED = "captured";

  /**
   * An event and its delivery: {@code attempts} made so far, the last answer's HTTP status (0 when
   * it got none), {@code delivered} once the merchant answered 2xx.
   */
  public record EventDelivery(
      String id, String type, int attempts, int lastStatus, boolean delivered) {}
}
