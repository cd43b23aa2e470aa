package com.temporalmall.workflows;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.workflows.order.OrderLifecycleWorkflowImpl;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.OrderSagaWorkflowImpl;
import com.temporalmall.workflows.order.OrderWorkflowImpl;
import com.temporalmall.workflows.order.PlaceOrder;
import com.temporalmall.workflows.order.PlacedOrder;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.rpc.DomainCallWorkflowImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Histories recorded from released workflow code (see RecordHistories) must replay on today's code:
 * a change to the command sequence without Workflow.getVersion breaks running workflows.
 */
class WorkflowReplayTest {

  /**
   * Every recorded release of every workflow type, replayed on today's code. The workflow id is
   * part of the replay: the saga derives its lifecycle's id from its own.
   */
  @ParameterizedTest
  @CsvSource({
    "order-saga-completed-v0.json, order-saga-recorded-completed",
    "order-saga-compensated-v0.json, order-saga-recorded-compensated",
    "domain-call-completed-v0.json, product.detail-recorded",
    "order-saga-completed-v1.json, order-saga-recorded-completed",
    "order-saga-compensated-v1.json, order-saga-recorded-compensated",
    "order-lifecycle-paid-v1.json, order-lifecycle-recorded-completed",
    "order-lifecycle-cancelled-v1.json, order-lifecycle-recorded-unpaid",
    "domain-call-completed-v1.json, product.detail-recorded",
    "order-saga-completed-v2.json, order-saga-recorded-completed",
    "order-saga-compensated-v2.json, order-saga-recorded-compensated",
    "order-lifecycle-paid-v2.json, order-lifecycle-recorded-completed",
    "order-lifecycle-cancelled-v2.json, order-lifecycle-recorded-unpaid",
    "order-paid-v3.json, order-recorded-paid",
    "order-cancelled-v3.json, order-recorded-unpaid",
    "order-rejected-v3.json, order-recorded-rejected"
  })
  void recordedHistoriesReplay(String history, String workflowId) throws Exception {
    String json =
        new String(
            getClass().getResourceAsStream("/histories/" + history).readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8);
    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    WorkflowExecutionHistory.fromJson(json, workflowId),
                    OrderSagaWorkflowImpl.class,
                    OrderLifecycleWorkflowImpl.class,
                    OrderWorkflowImpl.class,
                    DomainCallWorkflowImpl.class))
        .doesNotThrowAnyException();
  }

  /** Proves the replay test can fail: a saga that skips creating the order is not the same code. */
  @Test
  void aChangedCommandSequenceFailsReplay() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecutionFromResource(
                    "histories/order-saga-completed-v0.json", SagaWithoutOrderRow.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  public static class SagaWithoutOrderRow implements OrderSagaWorkflow {
    private final ProductActivities products =
        Workflow.newActivityStub(
            ProductActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.PRODUCT)
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .build());

    @Override
    public PlacedOrder placeOrder(PlaceOrder request) {
      ProductView product = products.detail(request.pid());
      products.decrStock(
          new com.temporalmall.workflows.product.StockChange(
              Workflow.getInfo().getWorkflowId(), request.pid(), request.num()));
      return new PlacedOrder(0, product.amount() * request.num());
    }
  }
}
