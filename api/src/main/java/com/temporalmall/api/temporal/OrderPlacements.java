package com.temporalmall.api.temporal;

import com.temporalmall.api.order.OrderReads;
import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.product.StockAdmission;
import com.temporalmall.api.web.IdempotencyKey;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.api.web.ProblemType;
import com.temporalmall.api.web.Problems;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderRequest;
import com.temporalmall.workflows.order.OrderResult;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.OrderStatus;
import com.temporalmall.workflows.order.PlacedOrder;
import com.temporalmall.workflows.product.ProductView;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.client.WorkflowUpdateTimeoutOrCancelledException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Places an order: the stock gate ({@link StockAdmission}) reads the product - the price is checked
 * there, and a placement that cannot win is turned away - then it starts the order's one workflow
 * with Update-with-Start and answers with the placement update's outcome. No request thread waits
 * for Temporal: the start and the wait for the placement run on a small executor, bounded by the
 * API's timeout, and Spring MVC gets a future. (Waiting there, synchronously, was measured faster
 * than the SDK's asynchronous update poll: p50 46-50 ms against 65 ms.)
 */
@Component
public class OrderPlacements {
  private static final Logger log = LoggerFactory.getLogger(OrderPlacements.class);

  /**
   * What the API asks for: {@code uid} from the token, {@code clientAmount} what the client sent
   * (null when it sent none).
   */
  public record PlaceOrder(long uid, long pid, int num, Long clientAmount) {}

  /**
   * The server holds the Update-with-Start call until the placement is decided: one call per order.
   * Waiting only until ACCEPTED cost a second one, PollWorkflowExecutionUpdate, on every order.
   */
  private static final UpdateOptions<PlacedOrder> UNTIL_COMPLETED =
      UpdateOptions.<PlacedOrder>newBuilder()
          .setWaitForStage(WorkflowUpdateStage.COMPLETED)
          .build();

  private final WorkflowClient client;
  private final StockAdmission admission;
  private final OrderReads orders;
  private final Executor starts;
  private final Duration timeout;
  private final Duration paymentTimeout;
  private final Duration providerQueryDelay;

  public OrderPlacements(
      WorkflowClient client,
      StockAdmission admission,
      OrderReads orders,
      @Qualifier(TemporalStartsConfiguration.EXECUTOR) Executor starts,
      @Value("${mall.api.order-timeout:60s}") Duration timeout,
      @Value("${mall.order.payment-timeout:30m}") Duration paymentTimeout,
      @Value("${mall.order.provider-query-delay:5m}") Duration providerQueryDelay) {
    this.client = client;
    this.admission = admission;
    this.orders = orders;
    this.starts = starts;
    this.timeout = timeout;
    this.paymentTimeout = paymentTimeout;
    this.providerQueryDelay = providerQueryDelay;
  }

  /**
   * Completes with the placed order, or exceptionally with a {@link ProblemException} (bad amount,
   * timeout: 504 naming the workflow) or the workflow's failure (unknown product, out of stock).
   */
  public CompletableFuture<PlacedOrder> place(
      PlaceOrder order, IdempotencyKey.RequestId requestId) {
    String workflowId = OrderContract.workflowId(requestId.value());
    long deadline = System.nanoTime() + timeout.toNanos();
    return admission
        .admit(
            order.pid(),
            order.num(),
            timeout,
            product -> checkAmount(order, request(order, product)))
        // The keyed-retry check calls Temporal: off the thread that runs the product's shared
        // reads. A request without a key is refused where it was judged, with no thread hop.
        .exceptionallyCompose(
            refused ->
                requestId.keyed()
                    ? CompletableFuture.completedFuture(unwrap(refused))
                        .thenComposeAsync(refusal -> admittedAsRetry(workflowId, refusal), starts)
                    : CompletableFuture.failedFuture(refused))
        .thenCompose(admitted -> startSaga(order, requestId, workflowId, admitted, deadline))
        .exceptionallyCompose(
            failure -> placementOfClosedOrder(workflowId, requestId.fingerprint(), failure))
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(
            failure ->
                unwrap(failure) instanceof TimeoutException
                    ? CompletableFuture.failedFuture(
                        new ProblemException(TemporalOutcomes.timedOut(workflowId)))
                    : CompletableFuture.failedFuture(unwrap(failure)));
  }

  private OrderRequest request(PlaceOrder order, ProductView product) {
    return new OrderRequest(
        order.uid(),
        order.pid(),
        order.num(),
        product.amount(),
        paymentTimeout,
        providerQueryDelay);
  }

  /**
   * Starts the admitted placement's saga and waits for its answer; then gives its ticket back. The
   * wait is the request's: once its deadline passes (the 504) the start is called off - not run at
   * all if it is still queued, its call to Temporal cancelled if it runs - so a start thread is
   * never held for a buyer who already has his answer. The SDK holds an Update-with-Start call for
   * up to 60 s of its own; after Temporal hung, starts queued behind such calls and kept every
   * thread busy with buyers answered long before (issue 20). The saga goes on regardless, and a
   * retry with the same key gets its outcome.
   */
  private CompletableFuture<PlacedOrder> startSaga(
      PlaceOrder order,
      IdempotencyKey.RequestId requestId,
      String workflowId,
      StockAdmission.Admission admitted,
      long deadline) {
    OrderRequest request = request(order, admitted.product());
    OrderSagaWorkflow workflow =
        client.newWorkflowStub(
            OrderSagaWorkflow.class,
            OrderSagaWorkflow.startOptions(workflowId, request, requestId.fingerprint()));
    CompletableFuture<PlacedOrder> placement = new CompletableFuture<>();
    FutureTask<PlacedOrder> start =
        new FutureTask<>(() -> startAndAwaitPlacement(workflow, requestId, request, deadline)) {
          @Override
          protected void done() {
            try {
              placement.complete(get());
            } catch (ExecutionException failed) {
              placement.completeExceptionally(failed.getCause());
            } catch (CancellationException | InterruptedException calledOff) {
              placement.completeExceptionally(new TimeoutException("called off at its deadline"));
            }
          }
        };
    try {
      starts.execute(start);
    } catch (RejectedExecutionException full) {
      // Its queue is full: answered at once (503), and the ticket is given back.
      admission.release(admitted.ticket());
      return CompletableFuture.failedFuture(full);
    }
    return placement
        .orTimeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
        .whenComplete(
            (placed, failure) -> {
              start.cancel(true);
              admission.release(admitted.ticket());
            });
  }

  private static PlacedOrder startAndAwaitPlacement(
      OrderSagaWorkflow workflow,
      IdempotencyKey.RequestId requestId,
      OrderRequest request,
      long deadline) {
    WorkflowUpdateHandle<PlacedOrder> placement =
        WorkflowClient.startUpdateWithStart(
            workflow::placement,
            requestId.fingerprint(),
            UNTIL_COMPLETED,
            new WithStartWorkflowOperation<>(workflow::run, request));
    try {
      return placement.getResult(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (WorkflowUpdateTimeoutOrCancelledException e) {
      throw new CompletionException(new TimeoutException(e.getMessage()));
    }
  }

  /**
   * A keyed request turned away at the gate may be the retry of an order its key already placed:
   * then it goes on, holding no ticket, to get that order's outcome (one describe call, made only
   * for a keyed request the gate refused). Otherwise it is refused like any other.
   */
  private CompletableFuture<StockAdmission.Admission> admittedAsRetry(
      String workflowId, Throwable refusal) {
    if (!(refusal instanceof StockAdmission.SoldOut soldOut)) {
      return CompletableFuture.failedFuture(refusal);
    }
    try {
      client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException notPlaced) {
      return CompletableFuture.failedFuture(refusal);
    }
    return CompletableFuture.completedFuture(new StockAdmission.Admission(soldOut.product(), null));
  }

  /**
   * The amount is the server's: price x num; a client amount that differs is a 400 and starts
   * nothing.
   */
  private static void checkAmount(PlaceOrder order, OrderRequest request) {
    long amount;
    try {
      amount = request.amount();
    } catch (ArithmeticException e) {
      throw Problems.invalidRequest("amount of " + order.num() + " items overflows");
    }
    if (order.clientAmount() != null && order.clientAmount() != amount) {
      throw Problems.invalidRequest(
          "amount "
              + order.clientAmount()
              + " does not match price "
              + request.unitPrice()
              + " x "
              + order.num()
              + " = "
              + amount);
    }
  }

  /**
   * A request repeated with its Idempotency-Key after its order closed (rejected, paid or
   * cancelled) is not run again: it gets the first outcome from the closed workflow - if it is the
   * same request (its fingerprint is in the workflow's memo); a different one is a 422. A placement
   * that failed with no business answer (its execution closed under it: terminated, timed out,
   * failed on a technical error) is answered from that execution's close as well.
   */
  private CompletableFuture<PlacedOrder> placementOfClosedOrder(
      String workflowId, String fingerprint, Throwable failure) {
    Throwable cause = unwrap(failure);
    if (closedAlready(cause)) {
      WorkflowStub closed = client.newUntypedWorkflowStub(workflowId);
      KeyedRetries.requireFirstRequest(closed, workflowId, fingerprint);
      return outcomeOfClosedOrder(workflowId, closed);
    }
    if (undecided(cause)) {
      // Rare (an execution closed under its placement, or a start Temporal ended without starting
      // it): which error it was is what an operator needs to tell the two apart.
      Status.Code grpc = grpcStatus(cause);
      log.warn(
          "placement of {} ended without an answer ({}); answering from its execution",
          workflowId,
          grpc != null
              ? "gRPC " + grpc
              : cause.getClass().getSimpleName() + ": " + cause.getMessage());
      return outcomeOfClosedOrder(workflowId, client.newUntypedWorkflowStub(workflowId));
    }
    return CompletableFuture.failedFuture(cause);
  }

  /**
   * The one final answer for each way an order's execution closes: completed (paid or cancelled
   * later) - its order; failed with a business type (out of stock, compensated, ...) - that
   * failure, mapped as ever; any other close (failed on a technical error, terminated, cancelled,
   * timed out) - what the books say, read from the order row the saga wrote ({@link
   * #fromTheOrderRow}). The SDK follows a continued-as-new chain to its last run. No execution at
   * all: Temporal ended the start without starting anything (seen right after it thawed from a
   * freeze, issue 20); nothing ran, and the keyed retry starts it.
   */
  private CompletableFuture<PlacedOrder> outcomeOfClosedOrder(
      String workflowId, WorkflowStub closed) {
    return closed
        .getResultAsync(OrderResult.class)
        .thenApply(result -> new PlacedOrder(result.orderId(), result.amount()))
        .exceptionallyComposeAsync(
            failure -> {
              Throwable cause = unwrap(failure);
              if (cause instanceof WorkflowNotFoundException) {
                return CompletableFuture.failedFuture(
                    new ProblemException(TemporalOutcomes.notStarted(workflowId)));
              }
              return cause instanceof WorkflowFailedException ended && !decided(ended)
                  ? fromTheOrderRow(workflowId, ended)
                  : CompletableFuture.failedFuture(cause);
            },
            starts);
  }

  /**
   * An execution that ended without a business outcome leaves the books as its activities did: an
   * order row that is valid (0 created or 1 paid) is a placed order and answered as one; an invalid
   * one (9) or none is an order not placed, the final 503 {@code order-compensated} (with the
   * {@code orderId} when a row exists).
   */
  private CompletableFuture<PlacedOrder> fromTheOrderRow(
      String workflowId, WorkflowFailedException ended) {
    Optional<OrderView> row = orders.byGid(workflowId);
    if (row.isPresent() && row.get().status() != OrderStatus.INVALID) {
      return CompletableFuture.completedFuture(new PlacedOrder(row.get().id(), row.get().amount()));
    }
    ProblemDetail problem =
        Problems.of(
            ProblemType.ORDER_COMPENSATED,
            "order of "
                + workflowId
                + " not placed: its workflow "
                + howItEnded(ended)
                + (row.isPresent()
                    ? "; the order is kept with status 9"
                    : "; no order was written"));
    row.ifPresent(order -> problem.setProperty("orderId", order.id()));
    return CompletableFuture.failedFuture(new ProblemException(problem));
  }

  private static String howItEnded(WorkflowFailedException ended) {
    return switch (ended.getWorkflowCloseEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> "was terminated";
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> "was cancelled";
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> "timed out";
      default ->
          ended.getCause() == null ? "failed" : "failed (" + ended.getCause().getMessage() + ")";
    };
  }

  /** Closed failed with a business outcome, which is the answer as it is. */
  private static boolean decided(WorkflowFailedException ended) {
    return ended.getWorkflowCloseEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED
        && MallFailures.isBusiness(businessType(ended));
  }

  /**
   * The placement failed without a business answer, and not for want of Temporal: its execution
   * closed under it (a real server fails an accepted update "AcceptedUpdateCompletedWorkflow", and
   * answers NOT_FOUND for one not yet accepted).
   */
  static boolean undecided(Throwable failure) {
    if (failure instanceof WorkflowServiceException) {
      return grpcStatus(failure) == Status.Code.NOT_FOUND;
    }
    return failure instanceof WorkflowException && !MallFailures.isBusiness(businessType(failure));
  }

  private static Status.Code grpcStatus(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc) {
        return grpc.getStatus().getCode();
      }
    }
    return null;
  }

  private static String businessType(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application) {
        return application.getType();
      }
    }
    return null;
  }

  /**
   * The in-process test server reports a start refused by REJECT_DUPLICATE as
   * WorkflowExecutionAlreadyStarted; a real server answers Update-with-Start with gRPC
   * ALREADY_EXISTS inside a WorkflowServiceException.
   */
  static boolean closedAlready(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof WorkflowExecutionAlreadyStarted
          || (cause instanceof StatusRuntimeException grpc
              && grpc.getStatus().getCode() == Status.Code.ALREADY_EXISTS)) {
        return true;
      }
    }
    return false;
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
