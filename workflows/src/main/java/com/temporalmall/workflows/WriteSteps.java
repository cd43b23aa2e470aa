package com.temporalmall.workflows;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * How the single-step write workflows ({@code UserWrites}, {@code ProductWrites}, {@code
 * OrderWrites}, {@code PayWrites}) run their one activity: locally, in the worker that owns the
 * domain's database and serves the workflow's task queue, so a write costs one workflow task and no
 * activity task. A technical failure is retried for up to 30 seconds; a business rejection (e.g.
 * NotFound) is non-retryable and becomes the workflow's failure.
 */
public final class WriteSteps {
  public static final LocalActivityOptions LOCAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(5)).build())
          .build();

  private WriteSteps() {}
}
