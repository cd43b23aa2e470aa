package com.temporalmall.activities.pay;

/** The payment provider as the pay worker uses it. */
public interface PaymentProvider {
  /**
   * Opens the provider's checkout for pay {@code reference}: {@code amount} in the mall's currency.
   * The same {@code idempotencyKey} always gets the same checkout, so a retried activity opens none
   * twice.
   *
   * @return the checkout's id (e.g. {@code co_...})
   */
  String openCheckout(String idempotencyKey, long reference, long amount);
}
