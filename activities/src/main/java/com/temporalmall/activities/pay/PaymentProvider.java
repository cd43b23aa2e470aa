package com.temporalmall.activities.pay;

/** The payment provider as the pay worker uses it. */
public interface PaymentProvider {
  /**
   * Opens the provider's checkout for pay {@code reference}: {@code amount} in the mall's currency.
   * The same {@code idempotencyKey} always gets the same checkout, so a retried activity opens none
   * twice.
   *
   * @return the checkout's id (e.g. {@code co_...})
   * @throws Unavailable when the provider cannot be reached, does not answer in time, or answers
   *     that it cannot serve now (5xx, 429)
   */
  String openCheckout(String idempotencyKey, long reference, long amount);

  /** The provider cannot be reached or cannot serve now: worth trying again later. */
  final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
