package com.temporalmall.workflows.order;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallMetrics;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.product.ProductActivities;
import com.temporalmall.workflows.product.ProductContract;
import com.temporalmall.workflows.product.ProductView;
import com.temporalmall.workflows.product.StockChange;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * Legacy: the placement saga of orders started before {@link OrderWorkflowImpl}, which starts an
 * {@link OrderLifecycleWorkflowImpl} child for the payment. Kept registered until its executions
 * have drained; its command sequence must not change (see WorkflowReplayTest).
 */
public class OrderSagaWorkflowImpl implements OrderSagaWorkflow {
  private static final Logger log = Workflow.getLogger(OrderSagaWorkflowImpl.class);
  static final String START_LIFECYCLE = "start-order-lifecycle";
  static final String SEARCH_ATTRIBUTES = "search-attributes";

  /** Steps: a technical error is retried for up to two minutes, then the saga compensates. */
  static final ActivityOptions ACTION_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  /**
   * Compensations retry until they succeed: giving up would leave stock taken or an order valid.
   * Retrying is safe because the barrier applies each compensation at most once.
   */
  static final ActivityOptions COMPENSATION_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  private final ProductActivities products =
      Workflow.newActivityStub(
          ProductActivities.class,
          ActivityOptions.newBuilder(ACTION_OPTIONS)
              .setTaskQueue(ProductContract.TASK_QUEUE)
              .build());
  private final OrderActivities orders =
      Workflow.newActivityStub(
          OrderActivities.class,
          ActivityOptions.newBuilder(ACTION_OPTIONS)
              .setTaskQueue(OrderContract.TASK_QUEUE)
              .build());
  private final ProductActivities productCompensations =
      Workflow.newActivityStub(
          ProductActivities.class,
          ActivityOptions.newBuilder(COMPENSATION_OPTIONS)
              .setTaskQueue(ProductContract.TASK_QUEUE)
              .build());
  private final OrderActivities orderCompensations =
      Workflow.newActivityStub(
          OrderActivities.class,
          ActivityOptions.newBuilder(COMPENSATION_OPTIONS)
              .setTaskQueue(OrderContract.TASK_QUEUE)
              .build());

  @Override
  public PlacedOrder placeOrder(PlaceOrder request) {
    String gid = Workflow.getInfo().getWorkflowId();
    boolean searchable = Workflow.getVersion(SEARCH_ATTRIBUTES, Workflow.DEFAULT_VERSION, 1) == 1;
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(
          MallSearchAttributes.USER_ID.valueSet(request.uid()),
          MallSearchAttributes.PRODUCT_ID.valueSet(request.pid()),
          MallSearchAttributes.SAGA_STATUS.valueSet(MallSearchAttributes.Status.PLACING));
    }
    if (request.num() < 1) {
      throw MallFailures.invalidRequest("num must be at least 1, was " + request.num());
    }
    long amount = priceOf(request);
    Workflow.getMetricsScope().counter(MallMetrics.SAGAS_STARTED).inc(1);

    Saga saga = new Saga(new Saga.Options.Builder().setParallelCompensation(false).build());
    Long orderId = null;
    String step = OrderContract.Activities.CREATE;
    try {
      saga.addCompensation(orderCompensations::createRevert, gid);
      orderId =
          orders.create(new NewOrder(gid, request.uid(), request.pid(), request.num(), amount));
      if (searchable) {
        Workflow.upsertTypedSearchAttributes(MallSearchAttributes.ORDER_ID.valueSet(orderId));
      }

      step = ProductContract.Activities.DECR_STOCK;
      StockChange change = new StockChange(gid, request.pid(), request.num());
      saga.addCompensation(productCompensations::decrStockRevert, change);
      products.decrStock(change);

      log.info("order {} placed by saga {}", orderId, gid);
      if (searchable) {
        Workflow.upsertTypedSearchAttributes(
            MallSearchAttributes.SAGA_STATUS.valueSet(MallSearchAttributes.Status.PLACED));
      }
      if (Workflow.getVersion(START_LIFECYCLE, Workflow.DEFAULT_VERSION, 1) == 1) {
        startLifecycle(
            new OrderLifecycleWorkflow.PlacedOrderInfo(
                orderId,
                request.uid(),
                request.pid(),
                request.num(),
                amount,
                request.paymentTimeout()));
      }
      Workflow.getMetricsScope().counter(MallMetrics.SAGAS_COMPLETED).inc(1);
      return new PlacedOrder(orderId, amount);
    } catch (ActivityFailure | CanceledFailure e) {
      log.warn("saga {} failed at {} ({}): compensating", gid, step, e.getMessage());
      Compensations.compensate(saga, gid);
      if (searchable) {
        Workflow.upsertTypedSearchAttributes(
            MallSearchAttributes.SAGA_STATUS.valueSet(MallSearchAttributes.Status.COMPENSATED));
      }
      ApplicationFailure failure = Compensations.failureAfterCompensation(step, e, orderId);
      Workflow.getMetricsScope()
          .tagged(java.util.Map.of("reason", failure.getType()))
          .counter(MallMetrics.SAGAS_COMPENSATED)
          .inc(1);
      throw failure;
    }
  }

  /**
   * The placed order lives on in its own workflow (payment, timeout, cancellation), which outlives
   * this saga. Added after sagas were already running: hence the version marker.
   */
  private static void startLifecycle(OrderLifecycleWorkflow.PlacedOrderInfo placed) {
    OrderLifecycleWorkflow lifecycle =
        Workflow.newChildWorkflowStub(
            OrderLifecycleWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(
                    OrderContract.lifecycleWorkflowId(Workflow.getInfo().getWorkflowId()))
                .setTaskQueue(OrderContract.LEGACY_TASK_QUEUE)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    Async.function(lifecycle::run, placed);
    Workflow.getWorkflowExecution(lifecycle).get();
  }

  /** Read-only step: an unknown product or a disagreeing client amount writes nothing. */
  private long priceOf(PlaceOrder request) {
    ProductView product;
    try {
      product = products.detail(request.pid());
    } catch (ActivityFailure e) {
      ApplicationFailure cause = Compensations.applicationFailure(e);
      if (cause != null && MallFailures.NOT_FOUND.equals(cause.getType())) {
        throw MallFailures.notFound("product " + request.pid() + " does not exist");
      }
      throw e;
    }
    long amount;
    try {
      amount = Math.multiplyExact(product.amount(), (long) request.num());
    } catch (ArithmeticException e) {
      throw MallFailures.invalidRequest("amount of " + request.num() + " items overflows");
    }
    if (request.clientAmount() != null && request.clientAmount() != amount) {
      throw MallFailures.invalidRequest(
          "amount "
              + request.clientAmount()
              + " does not match price "
              + product.amount()
              + " x "
              + request.num()
              + " = "
              + amount);
    }
    return amount;
  }
}
