package com.temporalmall.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderRequest;
import com.temporalmall.workflows.order.OrderResult;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.OrderSagaWorkflowImpl;
import com.temporalmall.workflows.order.OrderState;
import com.temporalmall.workflows.order.OrderWritesImpl;
import com.temporalmall.workflows.order.PayCallback;
import com.temporalmall.workflows.order.PlacedOrder;
import com.temporalmall.workflows.order.RecordHistories;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.pay.PayWritesImpl;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductWritesImpl;
import com.temporalmall.workflows.product.StockChange;
import com.temporalmall.workflows.user.UserContract;
import com.temporalmall.workflows.user.UserWritesImpl;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories recorded from released workflow code (see RecordHistories) must replay on today's code:
 * a change to the command sequence without Workflow.getVersion breaks running workflows.
 */
class WorkflowReplayTest {
  /** Every file in histories/, named {@code <name>-<release>.json}. */
  static List<String> recordedHistories() throws IOException, URISyntaxException {
    Path dir = Path.of(WorkflowReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  /** The history in {@code file}, under the workflow id it was recorded with. */
  private static WorkflowExecutionHistory history(String file) {
    String name = file.replaceFirst("-v\\d+\\.json$", "");
    String workflowId =
        Objects.requireNonNull(RecordHistories.workflowId(name), "no workflow id: " + file);
    try (var json = WorkflowReplayTest.class.getResourceAsStream("/histories/" + file)) {
      return WorkflowExecutionHistory.fromJson(
          new String(json.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), workflowId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("recordedHistories")
  void recordedHistoriesReplay(String file) {
    WorkflowExecutionHistory history = history(file);

    assertThatCode(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    history,
                    OrderSagaWorkflowImpl.class,
                    OrderWritesImpl.class,
                    ProductWritesImpl.class,
                    UserWritesImpl.class,
                    PayWritesImpl.class))
        .doesNotThrowAnyException();
  }

  @Test
  void everyWorkflowTypeHasARecordedHistory() throws Exception {
    assertThat(recordedHistories())
        .map(
            file ->
                history(file)
                    .getEvents()
                    .getFirst()
                    .getWorkflowExecutionStartedEventAttributes()
                    .getWorkflowType()
                    .getName())
        .containsOnly(
            OrderContract.Workflows.ORDER_SAGA,
            OrderContract.Workflows.REMOVE,
            ProductContract.Workflows.CREATE,
            ProductContract.Workflows.UPDATE,
            ProductContract.Workflows.REMOVE,
            UserContract.Workflows.REGISTER,
            PayContract.Workflows.FLAG_REFUND);
  }

  /** Proves the replay test can fail: a saga that skips creating the order is not the same code. */
  @Test
  void aChangedCommandSequenceFailsReplay() {
    WorkflowExecutionHistory paid = history("order-saga-paid-v4.json");

    assertThatThrownBy(
            () -> WorkflowReplayer.replayWorkflowExecution(paid, SagaWithoutOrderRow.class))
        .hasStackTraceContaining("NonDeterministicException")
        .hasStackTraceContaining(
            "Local activity of type " + OrderContract.Activities.CREATE + " is recorded");
  }

  public static class SagaWithoutOrderRow implements OrderSagaWorkflow {
    private final ProductActivities products =
        Workflow.newActivityStub(
            ProductActivities.class,
            ActivityOptions.newBuilder()
                .setTaskQueue(ProductContract.TASK_QUEUE)
                .setStartToCloseTimeout(Duration.ofSeconds(10))
                .build());
    private PlacedOrder placed;

    @Override
    public OrderResult run(OrderRequest request) {
      products.decrStock(
          new StockChange(
              Workflow.getInfo().getWorkflowId(),
              request.pid(),
              request.num(),
              request.unitPrice()));
      placed = new PlacedOrder(0, request.amount());
      Workflow.await(() -> false);
      return new OrderResult(placed.orderId(), placed.amount(), OrderState.CANCELLED);
    }

    @Override
    public PlacedOrder placement(String fingerprint) {
      Workflow.await(() -> placed != null);
      return placed;
    }

    @Override
    public PayView createPay(long amount) {
      throw new UnsupportedOperationException();
    }

    @Override
    public PayView payCallback(PayCallback callback) {
      throw new UnsupportedOperationException();
    }

    @Override
    public OrderState cancel() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void requestCancel() {}

    @Override
    public OrderState state() {
      return OrderState.PLACING;
    }
  }
}
