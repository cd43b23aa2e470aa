package com.temporalmall.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;

/** Runs activity implementations as Temporal would (execution context, retries) without a server. */
public final class ActivityTesting {
  private ActivityTesting() {}

  public static <T> T stub(TestActivityEnvironment env, Class<T> activities, Object implementation) {
    env.registerActivitiesImplementations(implementation);
    return env.newActivityStub(
        activities,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofMillis(10))
                    .setMaximumAttempts(3)
                    .build())
            .build());
  }

  public static String failureType(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application.getType();
      }
    }
    return null;
  }
}
