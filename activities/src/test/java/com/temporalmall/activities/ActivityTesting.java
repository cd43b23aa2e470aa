package com.temporalmall.activities;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs activity implementations as Temporal would (execution context, retries) without a server.
 * Register it with {@code @RegisterExtension}; the environments it made are closed after each test.
 */
public final class ActivityTesting implements AfterEachCallback {
  private final List<TestActivityEnvironment> environments = new ArrayList<>();

  public <T> T stub(Class<T> activities, Object implementation) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    environments.add(env);
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

  @Override
  public void afterEach(ExtensionContext context) {
    environments.forEach(TestActivityEnvironment::close);
    environments.clear();
  }

  public static String failureType(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApplicationFailure application) {
        return application.getType();
      }
    }
    return null;
  }

  /**
   * Runs {@code racers} calls at once, released together by one gate, and returns their outcomes.
   * Callers call implementations directly: the test activity environment runs one activity at a
   * time, which would never exercise a unique-key race.
   */
  public static <T> List<T> race(int racers, IntFunction<Callable<T>> racer) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(racers);
    try {
      CountDownLatch startGate = new CountDownLatch(1);
      List<Future<T>> outcomes = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        Callable<T> call = racer.apply(i);
        outcomes.add(
            threads.submit(
                () -> {
                  startGate.await();
                  return call.call();
                }));
      }
      startGate.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> outcome : outcomes) {
        results.add(outcome.get());
      }
      return results;
    } finally {
      threads.shutdown();
    }
  }
}
