package com.temporalmall.workflows.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class DomainCallWorkflowImpl implements DomainCallWorkflow {
  static final ActivityOptions CALL_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder().setMaximumInterval(Duration.ofSeconds(5)).build())
          .build();

  /** The activity's failure (e.g. NotFound) propagates and becomes this workflow's failure. */
  @Override
  public JsonNode call(DomainCall call) {
    ActivityStub activity =
        Workflow.newUntypedActivityStub(
            ActivityOptions.newBuilder(CALL_OPTIONS).setTaskQueue(call.taskQueue()).build());
    return activity.execute(call.activity(), JsonNode.class, call.args().toArray());
  }
}
