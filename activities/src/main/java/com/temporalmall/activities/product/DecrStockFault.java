package com.temporalmall.activities.product;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Test-only fault switch of the product worker, {@code mall.product.fault.decr-stock}
 * (MALL_PRODUCT_FAULT_DECR_STOCK). Off by default. Both faults strike after decrStock's local
 * transaction committed, which is exactly the window the barrier exists for.
 */
public enum DecrStockFault {
  NONE,
  /** Fails every attempt with a non-retryable failure: the saga compensates a step that applied. */
  NON_RETRYABLE_AFTER_COMMIT,
  /** Fails the first attempt retryably, like a lost acknowledgement: Temporal delivers it again. */
  RETRYABLE_AFTER_COMMIT;

  static DecrStockFault from(Environment environment) {
    return Binder.get(environment)
        .bind("mall.product.fault.decr-stock", DecrStockFault.class)
        .orElse(NONE);
  }
}
