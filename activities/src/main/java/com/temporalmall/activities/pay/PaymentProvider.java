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

  /**
   * Refunds {@code amount} of captured checkout {@code checkout}. The same {@code idempotencyKey}
   * always gets the same refund, so a retried activity refunds nothing twice.
   *
   * @return the provider's refund id (e.g. {@code re_...}), or null when the provider says the
   *     checkout was already refunded in full (under another key: nothing is left to give back)
   * @throws RuntimeException when the provider did not confirm the refund - unreachable, slow, a
   *     5xx, a refund still pending, or any other refusal: the activity is retried
   */
  String refund(String idempotencyKey, String checkout, long amount);

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
