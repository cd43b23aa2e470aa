package com.temporalmall.workflows.order;

import com.temporalmall.workflows.IdempotentRequests;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallMetrics;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.pay.PayActivities;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.StockChange;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Runs on the order domain's task queue, in the worker that owns the order database, so the order
 * steps are local activities (no task dispatch of their own) while the stock and pay steps go to
 * their domains' workers. An order that is placed costs three task dispatches: the first workflow
 * task (start, placement update accepted, {@code order.create} run locally, {@code
 * product.decrStock} scheduled), the product activity task, and the workflow task that answers the
 * update and starts the payment timer.
 */
public class OrderSagaWorkflowImpl implements OrderSagaWorkflow {
  private static final Logger log = Workflow.getLogger(OrderSagaWorkflowImpl.class);

  /**
   * Placement steps: a technical error is retried for up to two minutes, then the saga compensates.
   */
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration PLACEMENT_GIVES_UP_AFTER = Duration.ofMinutes(2);

  private static final RetryOptions PLACEMENT_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(10))
          .build();

  /**
   * Compensations and decided payment steps retry until they succeed: giving up would leave stock
   * taken or an order valid. Retrying is safe because the barrier applies each one at most once.
   */
  private static final RetryOptions UNTIL_DONE =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofSeconds(30))
          .build();

  /**
   * {@link #UNTIL_DONE} for the local steps. SDK 1.38 runs a local activity that has neither a
   * schedule-to-close timeout nor a maximum of attempts only once (its first failure, e.g. a
   * start-to-close timeout while the order database hangs, was final and escaped the saga: issue
   * 20), so these name a maximum no step reaches: attempts at most 30 s apart for 2,000 years.
   */
  private static final RetryOptions LOCAL_UNTIL_DONE =
      RetryOptions.newBuilder(UNTIL_DONE).setMaximumAttempts(Integer.MAX_VALUE).build();

  private final OrderActivities orders =
      Workflow.newLocalActivityStub(
          OrderActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(STEP_TIMEOUT)
              .setScheduleToCloseTimeout(PLACEMENT_GIVES_UP_AFTER)
              .setRetryOptions(PLACEMENT_RETRIES)
              .build());
  private final OrderActivities ordersUntilDone =
      Workflow.newLocalActivityStub(
          OrderActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(STEP_TIMEOUT)
              .setRetryOptions(LOCAL_UNTIL_DONE)
              .build());
  private final ProductActivities products =
      Workflow.newActivityStub(
          ProductActivities.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(ProductContract.TASK_QUEUE)
              .setStartToCloseTimeout(STEP_TIMEOUT)
              .setScheduleToCloseTimeout(PLACEMENT_GIVES_UP_AFTER)
              .setRetryOptions(PLACEMENT_RETRIES)
              .build());
  private final ProductActivities productsUntilDone =
      Workflow.newActivityStub(ProductActivities.class, untilDoneOn(ProductContract.TASK_QUEUE));
  private final PayActivities pays =
      Workflow.newActivityStub(PayActivities.class, untilDoneOn(PayContract.TASK_QUEUE));

  private static ActivityOptions untilDoneOn(String taskQueue) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(taskQueue)
        .setStartToCloseTimeout(STEP_TIMEOUT)
        .setRetryOptions(UNTIL_DONE)
        .build();
  }

  private final OrderRequest request;
  private final String gid;
  private PlacedOrder placed;
  private ApplicationFailure rejection;
  private PaymentPhase payment;

  /** Runs before any handler: the placement update arrives in the same task as the start. */
  @WorkflowInit
  public OrderSagaWorkflowImpl(OrderRequest request) {
    this.request = request;
    this.gid = Workflow.getInfo().getWorkflowId();
  }

  @Override
  public OrderResult run(OrderRequest ignored) {
    try {
      placed = place();
    } catch (ApplicationFailure rejected) {
      rejection = rejected;
      Workflow.await(Workflow::isEveryHandlerFinished);
      throw rejected;
    }
    payment = new PaymentPhase(gid, request, placed, ordersUntilDone, productsUntilDone, pays);
    OrderState outcome = payment.awaitOutcome();
    Workflow.upsertTypedSearchAttributes(
        MallSearchAttributes.SAGA_STATUS.valueSet(
            outcome == OrderState.PAID
                ? MallSearchAttributes.Status.PAID
                : MallSearchAttributes.Status.CANCELLED));
    return new OrderResult(placed.orderId(), placed.amount(), outcome);
  }

  /**
   * The placement saga. The price was read and checked against the client's amount by the API;
   * {@code product.decrStock} refuses the order (Conflict) if it changed since.
   */
  private PlacedOrder place() {
    if (request.num() < 1) {
      throw MallFailures.invalidRequest("num must be at least 1, was " + request.num());
    }
    long amount;
    try {
      amount = request.amount();
    } catch (ArithmeticException e) {
      throw MallFailures.invalidRequest("amount of " + request.num() + " items overflows");
    }
    Workflow.getMetricsScope().counter(MallMetrics.SAGAS_STARTED).inc(1);
    Saga saga = new Saga(new Saga.Options.Builder().setParallelCompensation(false).build());
    Long orderId = null;
    String step = OrderContract.Activities.CREATE;
    try {
      saga.addCompensation(ordersUntilDone::createRevert, gid);
      orderId =
          orders.create(new NewOrder(gid, request.uid(), request.pid(), request.num(), amount));

      step = ProductContract.Activities.DECR_STOCK;
      StockChange change = new StockChange(gid, request.pid(), request.num(), request.unitPrice());
      saga.addCompensation(productsUntilDone::decrStockRevert, change);
      products.decrStock(change);

      log.info("order {} placed by {}", orderId, gid);
      upsertSearchAttributes(orderId, MallSearchAttributes.Status.AWAITING_PAYMENT);
      Workflow.getMetricsScope().counter(MallMetrics.SAGAS_COMPLETED).inc(1);
      return new PlacedOrder(orderId, amount);
    } catch (ActivityFailure | CanceledFailure e) {
      log.warn("order {} failed at {} ({}): compensating", gid, step, e.getMessage());
      Compensations.compensate(saga, gid);
      upsertSearchAttributes(orderId, MallSearchAttributes.Status.COMPENSATED);
      ApplicationFailure failure = Compensations.failureAfterCompensation(step, e, orderId);
      Workflow.getMetricsScope()
          .tagged(Map.of("reason", failure.getType()))
          .counter(MallMetrics.SAGAS_COMPENSATED)
          .inc(1);
      throw failure;
    }
  }

  /**
   * One upsert command per outcome. UserId and ProductId repeat what the API set at start, so an
   * execution started without them (e.g. from the CLI) is still findable.
   */
  private void upsertSearchAttributes(Long orderId, String status) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    updates.add(MallSearchAttributes.USER_ID.valueSet(request.uid()));
    updates.add(MallSearchAttributes.PRODUCT_ID.valueSet(request.pid()));
    updates.add(MallSearchAttributes.SAGA_STATUS.valueSet(status));
    if (orderId != null) {
      updates.add(MallSearchAttributes.ORDER_ID.valueSet(orderId));
    }
    Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
  }

  @Override
  public PlacedOrder placement(String fingerprint) {
    IdempotentRequests.requireSameRequest(fingerprint);
    Workflow.await(() -> placed != null || rejection != null);
    if (rejection != null) {
      throw rejection;
    }
    return placed;
  }

  @Override
  public PayView createPay(long amount) {
    return placedPayment().createPay(amount);
  }

  @Override
  public PayView payCallback(PayCallback callback) {
    return placedPayment().payCallback(callback);
  }

  @Override
  public OrderState cancel() {
    return placedPayment().cancel();
  }

  @Override
  public void requestCancel() {
    if (payment != null) {
      payment.requestCancel();
    }
  }

  @Override
  public OrderState state() {
    if (payment != null) {
      return payment.state();
    }
    return rejection != null ? OrderState.REJECTED : OrderState.PLACING;
  }

  /** Payment handlers wait for the placement: an order that was never placed cannot be paid. */
  private PaymentPhase placedPayment() {
    Workflow.await(() -> payment != null || rejection != null);
    if (payment == null) {
      throw MallFailures.conflict(
          "order of " + gid + " was not placed: " + rejection.getOriginalMessage());
    }
    return payment;
  }
}
