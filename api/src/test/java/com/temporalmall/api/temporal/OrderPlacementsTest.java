package com.temporalmall.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.temporalmall.api.order.OrderReads;
import com.temporalmall.api.product.ProductReads;
import com.temporalmall.api.product.StockAdmission;
import com.temporalmall.api.web.IdempotencyKey;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.PlacedOrder;
import com.temporalmall.workflows.product.ProductView;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class OrderPlacementsTest {
  private static final WorkflowExecution ORDER =
      WorkflowExecution.newBuilder().setWorkflowId(OrderContract.workflowId("u1-key")).build();

  @Test
  void aStartRefusedBecauseTheOrderClosedIsRecognisedFromEitherServer() {
    assertThat(
            OrderPlacements.closedAlready(
                new WorkflowExecutionAlreadyStarted(
                    ORDER, OrderContract.Workflows.ORDER_SAGA, null)))
        .isTrue();
    assertThat(
            OrderPlacements.closedAlready(
                new WorkflowServiceException(
                    ORDER,
                    OrderContract.Workflows.ORDER_SAGA,
                    new StatusRuntimeException(Status.ALREADY_EXISTS))))
        .isTrue();
  }

  @Test
  void anUnreachableServerIsNotAClosedOrder() {
    assertThat(
            OrderPlacements.closedAlready(
                new WorkflowServiceException(
                    ORDER,
                    OrderContract.Workflows.ORDER_SAGA,
                    new StatusRuntimeException(Status.UNAVAILABLE))))
        .isFalse();
    assertThat(OrderPlacements.closedAlready(new IllegalStateException("boom"))).isFalse();
  }

  @Test
  void aFullStartQueueRefusesThePlacementAtOnceAndGivesItsStockTicketBack() {
    StockAdmission admission = gateOfOneKettle();
    OrderPlacements placements =
        new OrderPlacements(
            mock(WorkflowClient.class),
            admission,
            mock(OrderReads.class),
            task -> {
              throw new RejectedExecutionException("queue full");
            },
            Duration.ofMinutes(1),
            Duration.ofMinutes(30),
            Duration.ofMinutes(5));

    CompletableFuture<PlacedOrder> refused = placeTheKettle(placements, false);
    assertThat(refused)
        .as("answered now - ApiExceptionHandler makes it a 503 with Retry-After")
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .havingRootCause()
        .isInstanceOf(RejectedExecutionException.class);
    assertTheKettleIsFree(admission);
  }

  @Test
  void aStartStillQueuedAtTheRequestsDeadlineIsCalledOffAndGivesItsStockTicketBack() {
    StockAdmission admission = gateOfOneKettle();
    WorkflowClient client = mock(WorkflowClient.class);
    OrderSagaWorkflow saga = mock(OrderSagaWorkflow.class);
    when(client.newWorkflowStub(eq(OrderSagaWorkflow.class), any(WorkflowOptions.class)))
        .thenReturn(saga);
    List<Runnable> queued = new CopyOnWriteArrayList<>();
    OrderPlacements placements =
        new OrderPlacements(
            client,
            admission,
            mock(OrderReads.class),
            queued::add, // every start thread busy: the start waits in the queue
            Duration.ofMillis(200),
            Duration.ofMinutes(30),
            Duration.ofMinutes(5));

    CompletableFuture<PlacedOrder> placement = placeTheKettle(placements, true);

    assertThat(placement)
        .as("the buyer's 504")
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .havingRootCause()
        .isInstanceOf(ProblemException.class);
    assertThat(queued).singleElement().isInstanceOf(Future.class);
    assertThat((Future<?>) queued.getFirst()).as("called off").isCancelled();
    queued.getFirst().run(); // a thread frees up and takes it from the queue
    verifyNoInteractions(saga);
    assertTheKettleIsFree(admission);
  }

  /** A stock gate in front of product 7, a kettle with one left. */
  private static StockAdmission gateOfOneKettle() {
    ProductReads products = mock(ProductReads.class);
    when(products.detail(7)).thenReturn(new ProductView(7, "kettle", "", 1, 1999, 1));
    return new StockAdmission(products, Runnable::run, true, new SimpleMeterRegistry());
  }

  private static CompletableFuture<PlacedOrder> placeTheKettle(
      OrderPlacements placements, boolean keyed) {
    return placements.place(
        new OrderPlacements.PlaceOrder(1, 7, 1, null),
        new IdempotencyKey.RequestId("r1", keyed, "f1"));
  }

  private static void assertTheKettleIsFree(StockAdmission admission) {
    assertThat(admission.admit(7, 1, Duration.ofMinutes(1), product -> {}))
        .as("the one kettle is not held by the placement that did not go through")
        .succeedsWithin(Duration.ofSeconds(30));
  }
}
