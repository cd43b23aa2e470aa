package com.temporalmall.workflows;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * How the single-step write workflows ({@code UserWrites}, {@code ProductWrites}, {@code
 * OrderWrites}, {@code PayWrites}) run their one activity: locally, in the worker that owns the
 * domain's database and serves the workflow's task queue, so a write costs one workflow task and no
 * activity task. A technical failure (a database that hangs or is down) is retried until the step
 * is done, at most 5 s apart - the barrier applies it once - so the write's answer is always its
 * outcome: the API answers 504 meanwhile and a retry with the same Idempotency-Key gets it. A
 * business rejection (e.g. NotFound) is non-retryable and becomes the workflow's failure.
 */
public final class WriteSteps {
  public static final LocalActivityOptions LOCAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          // No schedule-to-close: a budget spent would close the write failed, an answer a careful
          // client could only retry forever. SDK 1.38 runs a local activity with neither that
          // budget nor a maximum of attempts only once, hence a maximum no step reaches.
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setMaximumInterval(Duration.ofSeconds(5))
                  .setMaximumAttempts(Integer.MAX_VALUE)
                  .build())
          .build();

  private WriteSteps() {}
}
