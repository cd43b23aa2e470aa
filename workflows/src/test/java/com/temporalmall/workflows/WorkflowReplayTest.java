package com.temporalmall.workflows;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderLifecycleWorkflowImpl;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.OrderSagaWorkflowImpl;
import com.temporalmall.workflows.order.OrderWorkflowImpl;
import com.temporalmall.workflows.order.PlaceOrder;
import com.temporalmall.workflows.order.PlacedOrder;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.rpc.DomainCallWorkflowImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
  @MethodSource("recordedHistories")
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

  /** Each recorded history with the workflow id it was recorded under. */
  static Stream<Arguments> recordedHistories() {
    String sagaCompleted = OrderContract.sagaWorkflowId("recorded-completed");
    String sagaCompensated = OrderContract.sagaWorkflowId("recorded-compensated");
    String domainCall =
        ProductContract.callWorkflowId(ProductContract.Activities.DETAIL, "recorded");
    String lifecyclePaid = OrderContract.lifecycleWorkflowId(sagaCompleted);
    String lifecycleUnpaid =
        OrderContract.lifecycleWorkflowId(OrderContract.sagaWorkflowId("recorded-unpaid"));
    return Stream.of(
        arguments("order-saga-completed-v0.json", sagaCompleted),
        arguments("order-saga-compensated-v0.json", sagaCompensated),
        arguments("domain-call-completed-v0.json", domainCall),
        arguments("order-saga-completed-v1.json", sagaCompleted),
        arguments("order-saga-compensated-v1.json", sagaCompensated),
        arguments("order-lifecycle-paid-v1.json", lifecyclePaid),
        arguments("order-lifecycle-cancelled-v1.json", lifecycleUnpaid),
        arguments("domain-call-completed-v1.json", domainCall),
        arguments("order-saga-completed-v2.json", sagaCompleted),
        arguments("order-saga-compensated-v2.json", sagaCompensated),
        arguments("order-lifecycle-paid-v2.json", lifecyclePaid),
        arguments("order-lifecycle-cancelled-v2.json", lifecycleUnpaid),
        arguments("order-paid-v3.json", OrderContract.workflowId("recorded-paid")),
        arguments("order-cancelled-v3.json", OrderContract.workflowId("recorded-unpaid")),
        arguments("order-rejected-v3.json", OrderContract.workflowId("recorded-rejected")));
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
                .setTaskQueue(ProductContract.TASK_QUEUE)
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
