package com.temporalmall.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The engine probe: a workflow calling two no-op activities on two task queues (the shape of the
 * mall's placement saga: order.create on the order queue, product.decrStock on the product queue),
 * the client waiting for the result.
 */
@WorkflowInterface
public interface PlainProbeWorkflow {
  String TYPE = "BenchPlainProbe";

  @WorkflowMethod(name = TYPE)
  String run(String input);

  final class Impl implements PlainProbeWorkflow {
    private static NoopActivities on(String taskQueue) {
      return Workflow.newActivityStub(
          NoopActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(taskQueue)
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .build());
    }

    private final NoopActivities order = on(ProbeQueues.ORDER);
    private final NoopActivities product = on(ProbeQueues.PRODUCT);

    @Override
    public String run(String input) {
      order.noop(input);
      return product.noop(input);
    }
  }
}
