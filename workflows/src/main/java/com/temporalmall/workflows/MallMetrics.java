package com.temporalmall.workflows;

/**
 * Business counters, reported through Temporal's metrics scope (replay-safe in workflow code) and
 * so exposed with the SDK metrics on each worker's /actuator/prometheus (suffix _total).
 */
public final class MallMetrics {
  /** A saga that passed its read-only checks (product exists, amount agrees) and begins writing. */
  public static final String SAGAS_STARTED = "mall_sagas_started";

  public static final String SAGAS_COMPLETED = "mall_sagas_completed";

  /** Tag {@code reason}: InsufficientStock, NotFound or OrderCompensated (a technical failure). */
  public static final String SAGAS_COMPENSATED = "mall_sagas_compensated";

  public static final String STOCK_REJECTIONS = "mall_stock_rejections";
  public static final String PAYMENT_TIMEOUTS = "mall_payment_timeouts";
  public static final String ORDERS_PAID = "mall_orders_paid";

  /** A capture the provider reported when asked, its callback not applied yet (maybe lost). */
  public static final String PAYMENTS_FOUND_BY_QUERY = "mall_payments_found_by_query";

  private MallMetrics() {}
}
