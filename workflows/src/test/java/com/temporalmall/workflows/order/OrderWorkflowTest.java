package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.MallTestEnvironment;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.product.ProductContract;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One execution per order: placement answered by Update-with-Start, then payment, with time
 * skipping.
 */
class OrderWorkflowTest {
  private static final String ID = OrderContract.workflowId("test");
  private static final OrderRequest THREE_KETTLES =
      new OrderRequest(1, 7, 3, FakeDomains.PRICE, Duration.ofMinutes(30));

  private TestWorkflowEnvironment env;
  private FakeDomains fakes;

  @BeforeEach
  void startTestServer() {
    env = MallTestEnvironment.newInstance();
    fakes = new FakeDomains();
    fakes.serveOn(env);
    env.start();
  }

  @AfterEach
  void stopTestServer() {
    env.close();
  }

  private PlacedOrder place(OrderRequest request) {
    return place(env.getWorkflowClient(), ID, request);
  }

  /** What the API does: start the order, or attach to it, and wait for the placement update. */
  static PlacedOrder place(WorkflowClient client, String workflowId, OrderRequest request) {
    OrderWorkflow order =
        client.newWorkflowStub(
            OrderWorkflow.class, OrderWorkflow.startOptions(workflowId, request));
    return WorkflowClient.executeUpdateWithStart(
        order::placement,
        UpdateOptions.<PlacedOrder>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(order::run, request));
  }

  private OrderWorkflow order() {
    return env.getWorkflowClient().newWorkflowStub(OrderWorkflow.class, ID);
  }

  private SearchAttributes searchAttributes() {
    return env.getWorkflowClient().newUntypedWorkflowStub(ID).describe().getTypedSearchAttributes();
  }

  private long events(EventType type) {
    return env.getWorkflowClient().fetchHistory(ID).getEvents().stream()
        .map(HistoryEvent::getEventType)
        .filter(type::equals)
        .count();
  }

  @Test
  void answersThePlacementAfterOneRemoteStepAndTwoWorkflowTasks() {
    PlacedOrder placed = place(THREE_KETTLES);

    assertThat(placed).isEqualTo(new PlacedOrder(FakeDomains.ORDER_ID, 3 * FakeDomains.PRICE));
    assertThat(fakes.journal)
        .containsExactly(
            OrderContract.Activities.CREATE + " " + ID + " num=3 amount=750",
            ProductContract.Activities.DECR_STOCK + " " + ID + " num=3");
    // The task dispatches an order costs: order.create ran locally (a marker, no task of its own),
    // product.decrStock is the only activity task, and no child workflow was started.
    assertThat(events(EventType.EVENT_TYPE_MARKER_RECORDED)).isEqualTo(1);
    assertThat(events(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEqualTo(1);
    assertThat(events(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(2);
    assertThat(events(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)).isZero();
    assertThat(order().state()).isEqualTo(OrderState.AWAITING_PAYMENT);
    SearchAttributes searchable = searchAttributes();
    assertThat(searchable.get(MallSearchAttributes.ORDER_ID)).isEqualTo(FakeDomains.ORDER_ID);
    assertThat(searchable.get(MallSearchAttributes.USER_ID)).isEqualTo(1L);
    assertThat(searchable.get(MallSearchAttributes.PRODUCT_ID)).isEqualTo(7L);
    assertThat(searchable.get(MallSearchAttributes.SAGA_STATUS)).isEqualTo("AWAITING_PAYMENT");
  }

  @Test
  void aRetriedPlacementReturnsTheSameOrderAndWritesNothingTwice() {
    PlacedOrder first = place(THREE_KETTLES);

    assertThat(place(THREE_KETTLES)).isEqualTo(first);
    assertThat(
            fakes.journal.stream()
                .filter(call -> call.startsWith(OrderContract.Activities.CREATE + " "))
                .count())
        .isEqualTo(1);
  }

  @Test
  void thePlacedOrderIsPaidInTheSameExecution() {
    place(THREE_KETTLES);

    var pay = order().createPay(750);
    order().payCallback(new PayCallback(pay.id(), 750, 1));

    OrderResult result = WorkflowStub.fromTyped(order()).getResult(OrderResult.class);
    assertThat(result).isEqualTo(new OrderResult(FakeDomains.ORDER_ID, 750, OrderState.PAID));
    assertThat(searchAttributes().get(MallSearchAttributes.SAGA_STATUS)).isEqualTo("PAID");
    assertThat(fakes.journal)
        .containsSubsequence(
            PayContract.Activities.CREATE + " 42 amount=750",
            PayContract.Activities.MARK_PAID + " 100",
            OrderContract.Activities.MARK_PAID + " 42");
  }

  @Test
  void anUnpaidOrderIsCancelledByItsTimerAndItsStockReleased() {
    place(THREE_KETTLES);

    OrderResult result = WorkflowStub.fromTyped(order()).getResult(OrderResult.class);

    assertThat(result.state()).isEqualTo(OrderState.CANCELLED);
    assertThat(fakes.journal)
        .containsSubsequence(
            OrderContract.Activities.CANCEL + " 42",
            ProductContract.Activities.RELEASE_STOCK + " 7 num=3");
    assertThat(searchAttributes().get(MallSearchAttributes.SAGA_STATUS)).isEqualTo("CANCELLED");
  }

  @Nested
  class Rejected {
    @Test
    void outOfStockCompensatesNewestFirstAndAnswersWithTheOrder() {
      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.insufficientStock("only 0 left");
          };

      WorkflowUpdateException failed =
          catchThrowableOfType(WorkflowUpdateException.class, () -> place(THREE_KETTLES));

      ApplicationFailure reason = (ApplicationFailure) failed.getCause();
      assertThat(reason.getType()).isEqualTo(MallFailures.INSUFFICIENT_STOCK);
      assertThat(reason.getDetails().get(Long.class)).isEqualTo(FakeDomains.ORDER_ID);
      assertThat(fakes.journal)
          .containsExactly(
              OrderContract.Activities.CREATE + " " + ID + " num=3 amount=750",
              ProductContract.Activities.DECR_STOCK + " " + ID + " num=3",
              ProductContract.Activities.DECR_STOCK_REVERT + " " + ID + " num=3",
              OrderContract.Activities.CREATE_REVERT + " " + ID);
      WorkflowFailedException workflowFailed =
          catchThrowableOfType(
              WorkflowFailedException.class,
              () -> WorkflowStub.fromTyped(order()).getResult(OrderResult.class));
      assertThat(((ApplicationFailure) workflowFailed.getCause()).getType())
          .isEqualTo(MallFailures.INSUFFICIENT_STOCK);
      assertThat(searchAttributes().get(MallSearchAttributes.SAGA_STATUS)).isEqualTo("COMPENSATED");
    }

    @Test
    void aPriceThatChangedWhileOrderingIsAConflictAndCompensates() {
      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.conflict("the price of product 7 changed");
          };

      WorkflowUpdateException failed =
          catchThrowableOfType(WorkflowUpdateException.class, () -> place(THREE_KETTLES));

      assertThat(((ApplicationFailure) failed.getCause()).getType())
          .isEqualTo(MallFailures.CONFLICT);
      assertThat(fakes.journal).endsWith(OrderContract.Activities.CREATE_REVERT + " " + ID);
    }

    @Test
    void aStepThatNeverAnswersInTimeIsCompensatedAsIfItHadApplied() {
      fakes.decrStockBehaviour =
          change -> {
            throw ApplicationFailure.newFailure("connection reset", "Transient");
          };

      OrderWorkflow order =
          env.getWorkflowClient()
              .newWorkflowStub(OrderWorkflow.class, OrderWorkflow.startOptions(ID, THREE_KETTLES));
      WorkflowClient.startUpdateWithStart(
          order::placement,
          UpdateOptions.<PlacedOrder>newBuilder()
              .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
              .build(),
          new WithStartWorkflowOperation<>(order::run, THREE_KETTLES));

      // Waiting for the workflow's result (not the update's) lets the test server skip time.
      WorkflowFailedException failed =
          catchThrowableOfType(
              WorkflowFailedException.class,
              () -> WorkflowStub.fromTyped(order).getResult(OrderResult.class));

      ApplicationFailure reason = (ApplicationFailure) failed.getCause();
      assertThat(reason.getType()).isEqualTo(MallFailures.ORDER_COMPENSATED);
      assertThat(reason.getOriginalMessage()).contains(ProductContract.Activities.DECR_STOCK);
      assertThat(fakes.journal.subList(fakes.journal.size() - 2, fakes.journal.size()))
          .containsExactly(
              ProductContract.Activities.DECR_STOCK_REVERT + " " + ID + " num=3",
              OrderContract.Activities.CREATE_REVERT + " " + ID);
    }

    @Test
    void aQuantityBelowOneWritesNothing() {
      WorkflowUpdateException failed =
          catchThrowableOfType(
              WorkflowUpdateException.class,
              () -> place(new OrderRequest(1, 7, 0, FakeDomains.PRICE, null)));

      assertThat(((ApplicationFailure) failed.getCause()).getType())
          .isEqualTo(MallFailures.INVALID_REQUEST);
      assertThat(fakes.journal).isEmpty();
    }
  }
}
