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

  /**
   * The provider's checkout {@code id} as it stands now; read-only, so it may be asked again.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable {@code NotFound} when the provider
   *     knows no such checkout; any other failure (unreachable, 5xx) is thrown to be retried
   */
  ProviderCheckout checkout(String id);

  /** The currency the mall's amounts are in, as the provider is told when a checkout opens. */
  String currency();
}
