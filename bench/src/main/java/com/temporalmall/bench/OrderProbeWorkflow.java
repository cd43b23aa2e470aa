package com.temporalmall.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;

/**
 * The order-shaped no-op probe: the shape the mall's order takes - one execution per order, started
 * with Update-with-Start on the order's own task queue; its own-domain step (order.create) a local
 * activity, the product step (product.decrStock) a remote activity on the product queue; the update
 * answers the client as soon as placement is done, then the execution waits on a durable timer for
 * payment.
 */
@WorkflowInterface
public interface OrderProbeWorkflow {
  String TYPE = "BenchOrderProbe";

  /**
   * Places the probe order, then waits for {@link #pay()} or the end of the payment window.
   *
   * @param paymentWindow how long the placed order waits for {@link #pay()} (ISO-8601 duration)
   */
  @WorkflowMethod(name = TYPE)
  void run(String paymentWindow);

  @UpdateMethod(name = "placement")
  String placement();

  @SignalMethod(name = "pay")
  void pay();

  final class Impl implements OrderProbeWorkflow {
    private final NoopActivities order =
        Workflow.newLocalActivityStub(
            NoopActivities.class,
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .build());
    private final NoopActivities product =
        Workflow.newActivityStub(
            NoopActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(ProbeQueues.PRODUCT)
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .build());
    private String placement;
    private boolean paid;

    @Override
    public void run(String paymentWindow) {
      order.noop("order.create");
      product.noop("product.decrStock");
      placement = "placed";
      Workflow.await(Duration.parse(paymentWindow), () -> paid);
    }

    @Override
    public String placement() {
      Workflow.await(() -> placement != null);
      return placement;
    }

    @Override
    public void pay() {
      paid = true;
    }
  }
}
