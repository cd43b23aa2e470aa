package com.temporalmall.e2e;

import com.temporalmall.workflows.product.ProductContract;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.failure.ApplicationFailure;

/**
 * Test-only faults of {@code product.decrStock}, injected by a worker interceptor that {@link
 * MallCluster#restartProductWorker} registers as a bean of the product worker it starts (the
 * starter registers interceptor beans). Both strike after decrStock's local transaction committed,
 * which is exactly the window the barrier exists for. Production code has no such switch.
 */
enum DecrStockFault {
  NONE,
  /** Fails every attempt with a non-retryable failure: the saga compensates a step that applied. */
  NON_RETRYABLE_AFTER_COMMIT,
  /** Fails the first attempt retryably, like a lost acknowledgement: Temporal delivers it again. */
  RETRYABLE_AFTER_COMMIT;

  static final String INJECTED_FAULT = "InjectedFault";

  WorkerInterceptor interceptor() {
    DecrStockFault fault = this;
    return new WorkerInterceptorBase() {
      @Override
      public ActivityInboundCallsInterceptor interceptActivity(
          ActivityInboundCallsInterceptor next) {
        return new ActivityInboundCallsInterceptorBase(next) {
          private ActivityExecutionContext context;

          @Override
          public void init(ActivityExecutionContext context) {
            this.context = context;
            super.init(context);
          }

          @Override
          public ActivityOutput execute(ActivityInput input) {
            ActivityOutput output = super.execute(input);
            if (ProductContract.Activities.DECR_STOCK.equals(context.getInfo().getActivityType())) {
              fault.strike(context.getInfo().getAttempt());
            }
            return output;
          }
        };
      }
    };
  }

  private void strike(int attempt) {
    switch (this) {
      case NONE -> {}
      case NON_RETRYABLE_AFTER_COMMIT ->
          throw ApplicationFailure.newNonRetryableFailure(
              "injected fault after decrStock committed", INJECTED_FAULT);
      case RETRYABLE_AFTER_COMMIT -> {
        if (attempt == 1) {
          throw ApplicationFailure.newFailure(
              "injected fault: decrStock committed but its acknowledgement was lost",
              INJECTED_FAULT);
        }
      }
    }
  }
}
