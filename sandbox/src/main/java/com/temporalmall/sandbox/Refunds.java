package com.temporalmall.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The sandbox provider's refunds, in memory beside {@link Checkouts}: a captured checkout can be
 * refunded up to what was captured, once per merchant Idempotency-Key - the same key answers the
 * same refund, as a real provider does when a merchant retries.
 */
public class Refunds {
  /** Why a refund is refused, as the error body's {@code error} says it. */
  public static final String NOT_CAPTURED = "not_captured";

  public static final String ALREADY_REFUNDED = "already_refunded";
  public static final String AMOUNT_TOO_LARGE = "amount_too_large";
  public static final String KEY_REUSED = "idempotency_key_reused";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;

  /** Guarded by {@code this}: refunds are rare, one lock keeps "what is left" exact. */
  private final List<Refund> all = new ArrayList<>();

  private final Map<String, Refund> byKey = new HashMap<>();

  public Refunds(Clock clock) {
    this.clock = clock;
  }

  /** A refund request: {@code amount} to give back, or null for all that is left. */
  public record NewRefund(Long amount) {}

  /** A refund the provider refuses: {@code error} is one of this class's codes. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String error;

    Refused(String error, String message) {
      super(message);
      this.error = error;
    }

    public String error() {
      return error;
    }
  }

  /**
   * Refunds {@code checkout}; under an {@code idempotencyKey} (may be null) seen before, answers
   * the first refund again - unless the request differs.
   *
   * @throws Refused when the checkout is not captured, nothing is left to refund, more than what is
   *     left is asked for, or the key was used for another refund
   */
  public synchronized Refund refund(Checkout checkout, String idempotencyKey, NewRefund request) {
    Refund earlier = idempotencyKey == null ? null : byKey.get(idempotencyKey);
    if (earlier != null) {
      if (!earlier.checkout().equals(checkout.id())
          || (request.amount() != null && request.amount() != earlier.amount())) {
        throw new Refused(
            KEY_REUSED, "Idempotency-Key " + idempotencyKey + " was used for another refund");
      }
      return earlier;
    }
    if (!Checkout.CAPTURED.equals(checkout.status())) {
      throw new Refused(
          NOT_CAPTURED,
          "checkout " + checkout.id() + " is " + checkout.status() + ", not captured");
    }
    long left = checkout.amount() - refunded(checkout.id());
    if (left <= 0) {
      throw new Refused(ALREADY_REFUNDED, "checkout " + checkout.id() + " is already refunded");
    }
    long amount = request.amount() == null ? left : request.amount();
    if (amount > left) {
      throw new Refused(
          AMOUNT_TOO_LARGE,
          "checkout " + checkout.id() + " has " + left + " left to refund, not " + amount);
    }
    Refund refund =
        new Refund(
            "re_" + token(),
            checkout.id(),
            checkout.reference(),
            amount,
            checkout.currency(),
            Refund.SUCCEEDED,
            idempotencyKey,
            clock.instant().getEpochSecond());
    all.add(refund);
    if (idempotencyKey != null) {
      byKey.put(idempotencyKey, refund);
    }
    return refund;
  }

  /** Every refund, oldest first. */
  public synchronized List<Refund> all() {
    return List.copyOf(all);
  }

  private long refunded(String checkoutId) {
    return all.stream()
        .filter(refund -> refund.checkout().equals(checkoutId))
        .mapToLong(Refund::amount)
        .sum();
  }

  private static String token() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
