package com.temporalmall.activities.pay;

/**
 * A checkout as the payment provider reports it: {@code amount} in {@code currency} for the mall's
 * pay {@code reference}; {@code captureEventId}: the id of its capture event (what its callback
 * carries), null while it is not captured.
 */
public record ProviderCheckout(
    String id, long reference, long amount, String currency, String captureEventId) {
  public boolean captured() {
    return captureEventId != null;
  }
}
