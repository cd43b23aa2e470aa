package com.temporalmall.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.temporalmall.api.order.OrderReads;
import com.temporalmall.api.order.OrderView;
import com.temporalmall.api.product.ProductReads;
import com.temporalmall.api.product.StockAdmission;
import com.temporalmall.api.temporal.OrderPlacements.PlaceOrder;
import com.temporalmall.api.web.IdempotencyKey.RequestId;
import com.temporalmall.api.web.ProblemException;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.order.OrderContract;
import com.temporalmall.workflows.order.OrderRequest;
import com.temporalmall.workflows.order.OrderResult;
import com.temporalmall.workflows.order.OrderSagaWorkflow;
import com.temporalmall.workflows.order.OrderState;
import com.temporalmall.workflows.order.OrderStatus;
import com.temporalmall.workflows.order.PayCallback;
import com.temporalmall.workflows.order.PlacedOrder;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.ProductView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/**
 * Each way an order's execution can close maps to one final answer of {@code order/create}, for the
 * first request and for a retry with its Idempotency-Key (issue 20). The API's placement code runs
 * as it does in the API, against the in-process Temporal test server; a stand-in order workflow
 * closes the execution the way each test needs, and the order database's answer is a mock.
 */
class ClosedOrderAnswersTest {
  private static final long UID = 1;
  private static final long PID = 7;
  private static final long PRICE = 250;
  private static final long ORDER_ID = 42;
  private static final String KEY = "u1-cart-1";
  private static final String WORKFLOW_ID = OrderContract.workflowId(KEY);
  private static final RequestId REQUEST = new RequestId(KEY, true, "fingerprint-1");
  private static final PlaceOrder ORDER = new PlaceOrder(UID, PID, 1, null);
  private static final String COMPENSATED = "https://temporal-mall.dev/problems/order-compensated";

  /** How the stand-in order workflow of each test behaves. */
  enum Close {
    /** Placed, then waits for payment until the test ends the execution. */
    PLACED_THEN_WAITS,
    /** Placed, then completes (paid). */
    PLACED_THEN_COMPLETES,
    /** Out of stock: compensated and failed with the business type, the order kept (9). */
    OUT_OF_STOCK,
    /**
     * Fails on a step's timeout, with no ApplicationFailure anywhere: what the order saga did when
     * {@code order.createRevert} timed out while the order database hung (the 502 of issue 20).
     */
    FAILS_ON_A_STEP_TIMEOUT,
    /** Never decides the placement: the test ends the execution meanwhile. */
    NEVER_DECIDES,
    /** Placed, continues as new, and the new run completes (paid). */
    PLACED_THEN_CONTINUES_AS_NEW
  }

  static volatile Close close;

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private ExecutorService starts;
  private final OrderReads orders = mock(OrderReads.class);
  private OrderPlacements placements;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    MallSearchAttributes.DEFINITIONS.forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(OrderContract.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(StandInOrder.class);
    worker.registerActivitiesImplementations(new HungOrderDatabase());
    env.start();
    client = env.getWorkflowClient();
    starts = Executors.newFixedThreadPool(4);
    ProductReads products = mock(ProductReads.class);
    when(products.detail(PID)).thenReturn(new ProductView(PID, "kettle", "", 10, PRICE, 1));
    StockAdmission admission =
        new StockAdmission(products, starts, false, new SimpleMeterRegistry());
    placements =
        new OrderPlacements(
            client,
            admission,
            orders,
            starts,
            Duration.ofSeconds(20),
            Duration.ofMinutes(30),
            Duration.ofMinutes(5));
  }

  @AfterEach
  void stop() {
    env.close();
    starts.shutdownNow();
  }

  /**
   * The HTTP answer of one order/create: 200 with the order id, or the problem's status and type.
   */
  record Answer(int status, String type, Long orderId) {
    static Answer of(CompletableFuture<PlacedOrder> placing) {
      try {
        return new Answer(200, null, placing.get(30, TimeUnit.SECONDS).orderId());
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable failure =
            e.getCause() instanceof CompletionException c ? c.getCause() : e.getCause();
        // As ApiExceptionHandler renders them.
        ProblemDetail problem =
            failure instanceof ProblemException p
                ? p.getBody()
                : TemporalOutcomes.problemFor((WorkflowException) failure);
        Object orderId =
            problem.getProperties() == null ? null : problem.getProperties().get("orderId");
        return new Answer(
            problem.getStatus(),
            String.valueOf(problem.getType()),
            orderId == null ? null : ((Number) orderId).longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("order/create gave no answer", e);
      }
    }
  }

  private Answer orderCreate() {
    return Answer.of(placements.place(ORDER, REQUEST));
  }

  private void orderRow(int status) {
    when(orders.byGid(WORKFLOW_ID))
        .thenReturn(Optional.of(new OrderView(ORDER_ID, UID, PID, PRICE, 1, status, WORKFLOW_ID)));
  }

  private WorkflowStub execution() {
    return client.newUntypedWorkflowStub(WORKFLOW_ID);
  }

  /** Lets the first request reach the workflow and wait there, then ends it with {@code end}. */
  private Answer firstRequestWhile(Runnable end) {
    CompletableFuture<PlacedOrder> first = placements.place(ORDER, REQUEST);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(io.temporal.client.WorkflowNotFoundException.class)
        .until(() -> execution().describe() != null);
    end.run();
    return Answer.of(first);
  }

  @Test
  void completedIsTheOrderForTheFirstRequestAndEveryRetry() {
    close = Close.PLACED_THEN_COMPLETES;

    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
    execution().getResult(OrderResult.class);
    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
  }

  @Test
  void failedWithABusinessTypeIsThatAnswerForTheFirstRequestAndEveryRetry() {
    close = Close.OUT_OF_STOCK;
    Answer outOfStock =
        new Answer(409, "https://temporal-mall.dev/problems/insufficient-stock", ORDER_ID);

    assertThat(orderCreate()).isEqualTo(outOfStock);
    assertThat(orderCreate()).isEqualTo(outOfStock);
  }

  /** The 502 of issue 20, and what answers it now: the order row the saga left (9). */
  @Test
  void failedOnATechnicalErrorIsAnsweredFromTheOrderRowNotA502() {
    close = Close.FAILS_ON_A_STEP_TIMEOUT;
    orderRow(OrderStatus.INVALID);
    Answer compensated = new Answer(503, COMPENSATED, ORDER_ID);

    assertThat(orderCreate()).isEqualTo(compensated);
    assertThat(orderCreate()).as("a keyed retry of the closed order").isEqualTo(compensated);
    assertThat(orderCreate()).isEqualTo(compensated);

    // The close itself, mapped as every retry's answer was before: the 502 of issue 20.
    WorkflowFailedException closed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> execution().getResult(OrderResult.class));
    ProblemDetail asBefore = TemporalOutcomes.problemFor(closed);
    assertThat(asBefore.getStatus()).isEqualTo(502);
    assertThat(asBefore.getDetail()).contains("EVENT_TYPE_WORKFLOW_EXECUTION_FAILED");
  }

  @Test
  void failedOnATechnicalErrorBeforeAnyOrderRowIsCompensatedWithoutAnOrderId() {
    close = Close.FAILS_ON_A_STEP_TIMEOUT;
    when(orders.byGid(WORKFLOW_ID)).thenReturn(Optional.empty());

    assertThat(orderCreate()).isEqualTo(new Answer(503, COMPENSATED, null));
    assertThat(orderCreate()).isEqualTo(new Answer(503, COMPENSATED, null));
  }

  @Test
  void terminatedAfterThePlacementIsTheOrderItPlaced() {
    close = Close.PLACED_THEN_WAITS;
    orderRow(OrderStatus.CREATED);

    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
    execution().terminate("operator");
    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
  }

  /**
   * The first request's answer when its execution is terminated under it is RunbookEndToEndTest's
   * (a real server fails the waiting placement update; the test server leaves it waiting).
   */
  @Test
  void terminatedDuringThePlacementIsCompensatedForEveryRetry() {
    close = Close.NEVER_DECIDES;
    when(orders.byGid(WORKFLOW_ID)).thenReturn(Optional.empty());
    OrderRequest request = new OrderRequest(UID, PID, 1, PRICE, Duration.ofMinutes(30));
    WorkflowClient.start(
        client.newWorkflowStub(
                OrderSagaWorkflow.class,
                OrderSagaWorkflow.startOptions(WORKFLOW_ID, request, REQUEST.fingerprint()))
            ::run,
        request);
    execution().terminate("operator");

    assertThat(orderCreate()).isEqualTo(new Answer(503, COMPENSATED, null));
    assertThat(orderCreate()).isEqualTo(new Answer(503, COMPENSATED, null));
  }

  @Test
  void cancelledAfterThePlacementIsTheOrderItPlaced() {
    close = Close.PLACED_THEN_WAITS;
    orderRow(OrderStatus.CREATED);

    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
    execution().cancel();
    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
  }

  @Test
  void cancelledDuringThePlacementIsCompensatedForTheFirstRequestAndEveryRetry() {
    close = Close.NEVER_DECIDES;
    orderRow(OrderStatus.INVALID);

    Answer first = firstRequestWhile(() -> execution().cancel());

    assertThat(first).isEqualTo(new Answer(503, COMPENSATED, ORDER_ID));
    assertThat(orderCreate()).isEqualTo(new Answer(503, COMPENSATED, ORDER_ID));
  }

  /**
   * The order saga is started with no run or execution timeout (a timeout would skip its
   * compensations); one started with a timeout elsewhere (e.g. from the CLI) is answered alike.
   */
  @Test
  void timedOutIsAnsweredFromTheOrderRow() {
    close = Close.PLACED_THEN_WAITS;
    orderRow(OrderStatus.CREATED);
    OrderRequest request = new OrderRequest(UID, PID, 1, PRICE, Duration.ofMinutes(30));
    WorkflowOptions withTimeout =
        WorkflowOptions.newBuilder(
                OrderSagaWorkflow.startOptions(WORKFLOW_ID, request, REQUEST.fingerprint()))
            .setWorkflowExecutionTimeout(Duration.ofMinutes(1))
            .build();
    WorkflowClient.start(
        client.newWorkflowStub(OrderSagaWorkflow.class, withTimeout)::run, request);

    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
    env.sleep(Duration.ofMinutes(2));
    assertThat(execution().describe().getStatus())
        .isEqualTo(
            io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT);
    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
  }

  /** The saga never continues as new; if it did, the SDK follows the chain to the last run. */
  @Test
  void continuedAsNewIsTheLastRunsOutcome() {
    close = Close.PLACED_THEN_CONTINUES_AS_NEW;

    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
    execution().getResult(OrderResult.class);
    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
  }

  /**
   * pay/create and order/update (cancel) of such an order: 409, final - it has no payment phase.
   */
  @Test
  void payingOrCancellingAnOrderWhoseWorkflowWasTerminatedIsAFinalConflict() {
    close = Close.PLACED_THEN_WAITS;
    orderRow(OrderStatus.CREATED);
    assertThat(orderCreate()).isEqualTo(new Answer(200, null, ORDER_ID));
    execution().terminate("operator");
    OrderView order = new OrderView(ORDER_ID, UID, PID, PRICE, 1, OrderStatus.CREATED, WORKFLOW_ID);
    OrderPayments payments = new OrderPayments(client, Duration.ofSeconds(40));

    assertThatThrownBy(
            () ->
                payments.update(
                    order, OrderContract.Updates.CREATE_PAY, PayView.class, state -> null, PRICE))
        .isInstanceOfSatisfying(
            ProblemException.class, p -> assertThat(p.getBody().getStatus()).isEqualTo(409));
    assertThatThrownBy(
            () ->
                payments.update(
                    order, OrderContract.Updates.CANCEL, OrderState.class, state -> null))
        .isInstanceOfSatisfying(
            ProblemException.class, p -> assertThat(p.getBody().getStatus()).isEqualTo(409));
  }

  /** A local step of the order database that hangs past its start-to-close timeout. */
  @ActivityInterface
  public interface OrderDatabase {
    @ActivityMethod(name = "order.createRevert")
    void createRevert(String gid);
  }

  public static class HungOrderDatabase implements OrderDatabase {
    @Override
    public void createRevert(String gid) {
      try {
        Thread.sleep(Duration.ofSeconds(3));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stands in for OrderSagaWorkflowImpl: closes its execution as {@link #close} says. */
  public static class StandInOrder implements OrderSagaWorkflow {
    private final Close behaviour = close;
    private PlacedOrder placed;
    private RuntimeException rejection;
    private boolean answered;

    @Override
    public OrderResult run(OrderRequest request) {
      boolean continued = Workflow.getInfo().getContinuedExecutionRunId().isPresent();
      if (continued) {
        return new OrderResult(ORDER_ID, PRICE, OrderState.PAID);
      }
      switch (behaviour) {
        case PLACED_THEN_WAITS, PLACED_THEN_COMPLETES, PLACED_THEN_CONTINUES_AS_NEW ->
            placed = new PlacedOrder(ORDER_ID, PRICE);
        case OUT_OF_STOCK ->
            rejection =
                io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                    "only 0 left", MallFailures.INSUFFICIENT_STOCK, ORDER_ID);
        case FAILS_ON_A_STEP_TIMEOUT ->
            Workflow.newLocalActivityStub(
                    OrderDatabase.class,
                    LocalActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofSeconds(1))
                        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                        .build())
                .createRevert(Workflow.getInfo().getWorkflowId());
        case NEVER_DECIDES -> Workflow.await(() -> false);
      }
      if (rejection != null) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        throw rejection;
      }
      Workflow.await(() -> answered);
      switch (behaviour) {
        case PLACED_THEN_WAITS -> Workflow.await(() -> false);
        case PLACED_THEN_CONTINUES_AS_NEW -> Workflow.continueAsNew(request);
        default -> {}
      }
      return new OrderResult(ORDER_ID, PRICE, OrderState.PAID);
    }

    @Override
    public PlacedOrder placement(String fingerprint) {
      Workflow.await(() -> placed != null || rejection != null);
      answered = true;
      if (rejection != null) {
        throw rejection;
      }
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
