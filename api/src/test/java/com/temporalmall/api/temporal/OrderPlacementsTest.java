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
import com.temporalmall.api.web.ProblemType;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.PlacedOrder;
import com.temporalmall.workflows.product.ProductView;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.ExecuteMultiOperationRequest;
import io.temporal.api.workflowservice.v1.ExecuteMultiOperationResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ProblemDetail;

@ExtendWith(OutputCaptureExtension.class)
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

  /**
   * What a Temporal server answered some Update-with-Start calls right after a 20 s freeze (issue
   * 20's chaos run), with no workflow started: NOT_FOUND was read as an execution that closed under
   * the placement, and the outcome of a workflow that does not exist was a 502 that a client can
   * only retry forever. Each is now the retryable 503 (ApiExceptionHandler maps a WorkflowException
   * with {@link TemporalOutcomes#problemFor}).
   */
  @ParameterizedTest
  @EnumSource(
      value = Status.Code.class,
      names = {"NOT_FOUND", "DEADLINE_EXCEEDED", "CANCELLED"})
  void aStartTheServerEndsWithoutStartingAnythingIsA503ForTheKeyedRetry(
      Status.Code answer, CapturedOutput log) throws IOException {
    Server frontend =
        ServerBuilder.forPort(0)
            .addService(
                new WorkflowServiceGrpc.WorkflowServiceImplBase() {
                  @Override
                  public void getSystemInfo(
                      GetSystemInfoRequest request,
                      StreamObserver<GetSystemInfoResponse> response) {
                    response.onNext(GetSystemInfoResponse.getDefaultInstance());
                    response.onCompleted();
                  }

                  @Override
                  public void executeMultiOperation(
                      ExecuteMultiOperationRequest request,
                      StreamObserver<ExecuteMultiOperationResponse> response) {
                    response.onError(
                        Status.fromCode(answer)
                            .withDescription("context deadline exceeded")
                            .asRuntimeException());
                  }

                  @Override
                  public void getWorkflowExecutionHistory(
                      GetWorkflowExecutionHistoryRequest request,
                      StreamObserver<GetWorkflowExecutionHistoryResponse> response) {
                    response.onError(
                        Status.NOT_FOUND
                            .withDescription("workflow not found")
                            .asRuntimeException());
                  }
                })
            .build()
            .start();
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + frontend.getPort())
                // The SDK retries a deadline until this runs out (60 s by default), then gives up.
                .setRpcRetryOptions(
                    RpcRetryOptions.newBuilder()
                        .setExpiration(Duration.ofSeconds(1))
                        .validateBuildWithDefaults())
                .build());
    ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor();
    try {
      StockAdmission admission = gateOfOneKettle();
      OrderPlacements placements =
          new OrderPlacements(
              WorkflowClient.newInstance(service),
              admission,
              mock(OrderReads.class),
              starts,
              Duration.ofMinutes(1),
              Duration.ofMinutes(30),
              Duration.ofMinutes(5));

      assertThat(placeTheKettle(placements, true))
          .failsWithin(Duration.ofSeconds(30))
          .withThrowableThat()
          .havingCause()
          .satisfies(
              failure ->
                  assertThat(answerOf(failure).getType())
                      .isEqualTo(ProblemType.TEMPORAL_UNAVAILABLE.uri()));
      assertTheKettleIsFree(admission);
      if (answer == Status.Code.NOT_FOUND) {
        assertThat(log.getAll())
            .as("the error that ended the start is named for the operator")
            .contains("ended without an answer (gRPC NOT_FOUND)");
      }
    } finally {
      starts.shutdownNow();
      service.shutdownNow();
      frontend.shutdownNow();
    }
  }

  /** The problem the API answers for a placement's failure. */
  private static ProblemDetail answerOf(Throwable failure) {
    if (failure instanceof ProblemException problem) {
      return problem.getBody();
    }
    assertThat(failure).isInstanceOf(WorkflowException.class);
    return TemporalOutcomes.problemFor((WorkflowException) failure);
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
