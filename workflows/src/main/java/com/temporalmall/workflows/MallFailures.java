package com.temporalmall.workflows;

import io.temporal.failure.ApplicationFailure;
import java.util.Set;

/**
 * Business rejections, raised by activities and workflows as non-retryable {@link
 * ApplicationFailure}s. The type is stable: the API maps it to an HTTP status and problem type.
 */
public final class MallFailures {
  /** An id (user, product, order) that does not exist. */
  public static final String NOT_FOUND = "NotFound";

  /** A unique business key already taken, e.g. a mobile number on register. */
  public static final String CONFLICT = "Conflict";

  /** decrStock found fewer items than requested. Details: [orderId] once the saga compensated. */
  public static final String INSUFFICIENT_STOCK = "InsufficientStock";

  /** The request contradicts server state, e.g. a client amount that differs from price x num. */
  public static final String INVALID_REQUEST = "InvalidRequest";

  /** A saga step failed for a technical reason and the saga compensated. Details: [orderId]. */
  public static final String ORDER_COMPENSATED = "OrderCompensated";

  /**
   * An Idempotency-Key used again with a different request (see {@link IdempotentRequests}): the
   * first request's outcome belongs to the first request only.
   */
  public static final String IDEMPOTENCY_KEY_REUSED = "IdempotencyKeyReused";

  /** The caller may not act on this resource (another user's order, pay or product). */
  public static final String FORBIDDEN = "Forbidden";

  /**
   * The payment provider could not open a checkout. Raised retryable by {@code pay.create}
   * (details: the pay, without its checkout), and by the order's workflow, non-retryable, once that
   * step's bounded retries are spent: the client retries later and gets the same pay.
   */
  public static final String PAYMENT_PROVIDER_UNAVAILABLE = "PaymentProviderUnavailable";

  /**
   * Not a business outcome: a compensation of the order saga failed for good (a non-retryable
   * failure - compensations retry technical errors until they are done, so a bug). The books are as
   * the steps left them; the API answers such an order from its order row.
   */
  public static final String COMPENSATION_FAILED = "CompensationFailed";

  /** Every type above but {@link #COMPENSATION_FAILED}: outcomes the API answers as they are. */
  private static final Set<String> BUSINESS =
      Set.of(
          NOT_FOUND,
          CONFLICT,
          INSUFFICIENT_STOCK,
          INVALID_REQUEST,
          ORDER_COMPENSATED,
          IDEMPOTENCY_KEY_REUSED,
          FORBIDDEN,
          PAYMENT_PROVIDER_UNAVAILABLE);

  private MallFailures() {}

  /**
   * Whether {@code type} is one of the business outcomes above. Any other failure (a step's
   * technical error, a timeout, a termination) is not an answer in itself: the API answers it from
   * the books.
   */
  public static boolean isBusiness(String type) {
    return type != null && BUSINESS.contains(type);
  }

  public static ApplicationFailure notFound(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, NOT_FOUND);
  }

  public static ApplicationFailure conflict(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, CONFLICT);
  }

  public static ApplicationFailure insufficientStock(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, INSUFFICIENT_STOCK);
  }

  public static ApplicationFailure forbidden(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FORBIDDEN);
  }

  public static ApplicationFailure invalidRequest(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, INVALID_REQUEST);
  }

  public static ApplicationFailure paymentProviderUnavailable(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, PAYMENT_PROVIDER_UNAVAILABLE);
  }

  public static ApplicationFailure idempotencyKeyReused(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, IDEMPOTENCY_KEY_REUSED);
  }
}
