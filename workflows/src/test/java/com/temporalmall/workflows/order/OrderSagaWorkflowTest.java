package com.temporalmall.workflows.order;

import static com.temporalmall.workflows.MallTestEnvironment.applicationFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.temporalmall.workflows.FakeDomains;
import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.MallTestEnvironment;
import com.temporalmall.workflows.pay.PayContract;
import com.temporalmall.workflows.pay.PayStatus;
import com.temporalmall.workflows.pay.PayView;
import com.temporalmall.workflows.product.ProductContract;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One execution per order: the placement answered by Update-with-Start, then the payment phase,
 * against in-memory domains on the Temporal test server, with time skipping.
 */
class OrderSagaWorkflowTest {
  private static final String ID = OrderContract.workflowId("test");
  private static final long AMOUNT = 3 * FakeDomains.PRICE;
  private static final OrderRequest THREE_KETTLES =
      new OrderRequest(1, FakeDomains.PRODUCT_ID, 3, FakeDomains.PRICE, null);
  private static final List<String> PLACEMENT =
      List.of(
          OrderContract.Activities.CREATE + " " + ID + " num=3 amount=" + AMOUNT,
          ProductContract.Activities.DECR_STOCK + " " + ID + " num=3");
  private static final String CANCEL = OrderContract.Activities.CANCEL + " 42";
  private static final String RELEASE = ProductContract.Activities.RELEASE_STOCK + " 7 num=3";
  private static final String REFUND = PayContract.Activities.REFUND + " " + ID + " 100";

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

  /** What the API does: start the order, or attach to it, and wait for the placement update. */
  static PlacedOrder place(WorkflowClient client, String workflowId, OrderRequest request) {
    return place(client, workflowId, request, null);
  }

  /** As the API places a keyed request: its fingerprint in the memo and in the update. */
  static PlacedOrder place(
      WorkflowClient client, String workflowId, OrderRequest request, String fingerprint) {
    OrderSagaWorkflow order =
        client.newWorkflowStub(
            OrderSagaWorkflow.class,
            OrderSagaWorkflow.startOptions(workflowId, request, fingerprint));
    return WorkflowClient.executeUpdateWithStart(
        order::placement,
        fingerprint,
        UpdateOptions.<PlacedOrder>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(order::run, request));
  }

  private static OrderSagaWorkflow startingStub(
      WorkflowClient client, String workflowId, OrderRequest request) {
    return client.newWorkflowStub(
        OrderSagaWorkflow.class, OrderSagaWorkflow.startOptions(workflowId, request, null));
  }

  private PlacedOrder place(OrderRequest request) {
    return place(env.getWorkflowClient(), ID, request);
  }

  /** Starts the order and returns once the placement update is accepted, not decided. */
  private void startPlacing(OrderRequest request) {
    OrderSagaWorkflow order = startingStub(env.getWorkflowClient(), ID, request);
    WorkflowClient.startUpdateWithStart(
        order::placement,
        null,
        UpdateOptions.<PlacedOrder>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
            .build(),
        new WithStartWorkflowOperation<>(order::run, request));
  }

  private OrderSagaWorkflow order() {
    return env.getWorkflowClient().newWorkflowStub(OrderSagaWorkflow.class, ID);
  }

  /** Waiting for the workflow's result (not an update's) lets the test server skip time. */
  private OrderResult result() {
    return WorkflowStub.fromTyped(order()).getResult(OrderResult.class);
  }

  private String sagaStatus() {
    SearchAttributes searchable =
        env.getWorkflowClient().newUntypedWorkflowStub(ID).describe().getTypedSearchAttributes();
    return searchable.get(MallSearchAttributes.SAGA_STATUS);
  }

  private long events(EventType type) {
    return env.getWorkflowClient().fetchHistory(ID).getEvents().stream()
        .map(HistoryEvent::getEventType)
        .filter(type::equals)
        .count();
  }

  /** The calls after the placement's two, copied: workers may still be appending. */
  private List<String> afterPlacement() {
    List<String> journal = List.copyOf(fakes.journal);
    assertThat(journal.subList(0, 2)).isEqualTo(PLACEMENT);
    return journal.subList(2, journal.size());
  }

  @Test
  void answersThePlacementAfterOneRemoteStepAndTwoWorkflowTasks() {
    PlacedOrder placed = place(THREE_KETTLES);

    assertThat(placed).isEqualTo(new PlacedOrder(FakeDomains.ORDER_ID, AMOUNT));
    assertThat(fakes.journal).isEqualTo(PLACEMENT);
    // The task dispatches an order costs: order.create ran locally (a marker, no task of its own),
    // product.decrStock is the only activity task.
    assertThat(fakes.executions)
        .containsExactly(
            OrderContract.Activities.CREATE + " on order, local",
            ProductContract.Activities.DECR_STOCK + " on product, remote");
    // order.create's marker and the provider-query version's, both in the tasks above.
    assertThat(events(EventType.EVENT_TYPE_MARKER_RECORDED)).isEqualTo(2);
    assertThat(events(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).isEqualTo(1);
    assertThat(events(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)).isEqualTo(2);
    assertThat(order().state()).isEqualTo(OrderState.AWAITING_PAYMENT);
    SearchAttributes searchable =
        env.getWorkflowClient().newUntypedWorkflowStub(ID).describe().getTypedSearchAttributes();
    assertThat(searchable.get(MallSearchAttributes.ORDER_ID)).isEqualTo(FakeDomains.ORDER_ID);
    assertThat(searchable.get(MallSearchAttributes.USER_ID)).isEqualTo(1L);
    assertThat(searchable.get(MallSearchAttributes.PRODUCT_ID)).isEqualTo(FakeDomains.PRODUCT_ID);
    assertThat(sagaStatus()).isEqualTo(MallSearchAttributes.Status.AWAITING_PAYMENT);
  }

  @Test
  void thePlacedOrderIsPaidInTheSameExecution() {
    place(THREE_KETTLES);

    PayView pay = order().createPay(AMOUNT);
    PayView paid = order().payCallback(new PayCallback(pay.id(), AMOUNT, 1, "evt_1"));

    assertThat(paid.status()).isEqualTo(PayStatus.PAID);
    assertThat(result()).isEqualTo(new OrderResult(FakeDomains.ORDER_ID, AMOUNT, OrderState.PAID));
    assertThat(sagaStatus()).isEqualTo(MallSearchAttributes.Status.PAID);
    assertThat(afterPlacement())
        .containsExactly(
            PayContract.Activities.CREATE + " 42 amount=" + AMOUNT,
            PayContract.Activities.MARK_PAID + " 100",
            OrderContract.Activities.MARK_PAID + " 42");
    assertThat(events(EventType.EVENT_TYPE_TIMER_FIRED)).isZero();
  }

  @Test
  void aProviderEventDeliveredTwiceIsAppliedOnceAndAnsweredAlike() throws Exception {
    place(THREE_KETTLES);
    PayView pay = order().createPay(AMOUNT);
    WorkflowStub stub = WorkflowStub.fromTyped(order());

    List<WorkflowUpdateHandle<PayView>> deliveries = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      deliveries.add(
          stub.startUpdate(
              OrderContract.Updates.PAY_CALLBACK,
              WorkflowUpdateStage.ACCEPTED,
              PayView.class,
              new PayCallback(pay.id(), AMOUNT, 1, "evt_1")));
    }

    PayView first = deliveries.get(0).getResultAsync().get();
    assertThat(first.status()).isEqualTo(PayStatus.PAID);
    assertThat(deliveries.get(1).getResultAsync().get()).isEqualTo(first);
    assertThat(result().state()).isEqualTo(OrderState.PAID);
    // Applied twice, the event would mark the pay paid twice. order.markPaid is a local activity:
    // when the second delivery arrives while the workflow task that ran it completes, that task is
    // retried from history and runs it again (its barrier applies it once), so it counts as a step.
    List<String> calls = afterPlacement();
    assertThat(calls)
        .filteredOn(call -> call.startsWith(PayContract.Activities.MARK_PAID + " "))
        .hasSize(1);
    assertThat(calls.stream().distinct().toList())
        .containsExactly(
            PayContract.Activities.CREATE + " 42 amount=" + AMOUNT,
            PayContract.Activities.MARK_PAID + " 100",
            OrderContract.Activities.MARK_PAID + " 42");
  }

  @Nested
  class Cancellation {
    @Test
    void theTimerCancelsAnUnpaidOrderReleasesItsStockAndClosesItsPay() {
      place(THREE_KETTLES);
      order().createPay(AMOUNT);

      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      // The provider is asked after the query delay and at the timeout: not captured either time.
      assertThat(events(EventType.EVENT_TYPE_TIMER_FIRED)).isEqualTo(2);
      assertThat(sagaStatus()).isEqualTo(MallSearchAttributes.Status.CANCELLED);
      assertThat(afterPlacement())
          .containsExactly(
              PayContract.Activities.CREATE + " 42 amount=" + AMOUNT,
              PayContract.Activities.QUERY + " 100",
              PayContract.Activities.QUERY + " 100",
              CANCEL,
              RELEASE,
              PayContract.Activities.CLOSE + " 100");
    }

    /** The timer's {@code order.cancel} fails for a while (a hung order database): retried. */
    @Test
    void aCancellationStepThatFailsForAWhileIsRetriedUntilTheOrderIsCancelled() {
      AtomicInteger failing = new AtomicInteger(2);
      place(THREE_KETTLES);
      fakes.orderChangeBehaviour =
          step -> {
            if (failing.getAndDecrement() > 0) {
              throw ApplicationFailure.newFailure(
                  "the order database does not answer", "java.sql.SQLTransientConnectionException");
            }
          };

      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      assertThat(afterPlacement()).containsExactly(CANCEL, CANCEL, CANCEL, RELEASE);
      assertThat(sagaStatus()).isEqualTo(MallSearchAttributes.Status.CANCELLED);
    }

    @Test
    void theOwnerCancelsAnUnpaidOrder() {
      place(THREE_KETTLES);

      assertThat(order().cancel()).isEqualTo(OrderState.CANCELLED);

      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      assertThat(events(EventType.EVENT_TYPE_TIMER_FIRED)).isZero();
      assertThat(afterPlacement()).containsExactly(CANCEL, RELEASE);
    }

    @Test
    void anOperatorSignalCancelsAnUnpaidOrder() {
      place(THREE_KETTLES);

      order().requestCancel();

      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      assertThat(events(EventType.EVENT_TYPE_TIMER_FIRED)).isZero();
      assertThat(afterPlacement()).containsExactly(CANCEL, RELEASE);
    }

    @Test
    void aCallbackWithoutEventIdThatLosesToTheCancellationFlagsAndRefundsThePay() throws Exception {
      place(THREE_KETTLES);
      PayView pay = order().createPay(AMOUNT);
      CountDownLatch cancelling = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      fakes.releaseStockBehaviour =
          () -> {
            cancelling.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
          };
      WorkflowStub stub = WorkflowStub.fromTyped(order());
      stub.startUpdate(
          OrderContract.Updates.CANCEL, WorkflowUpdateStage.ACCEPTED, OrderState.class);
      assertThat(cancelling.await(10, TimeUnit.SECONDS)).isTrue();

      WorkflowUpdateHandle<PayView> callback =
          stub.startUpdate(
              OrderContract.Updates.PAY_CALLBACK,
              WorkflowUpdateStage.ACCEPTED,
              PayView.class,
              new PayCallback(pay.id(), AMOUNT, 2, null));
      release.countDown();

      ApplicationFailure late =
          applicationFailure(catchThrowable(() -> callback.getResultAsync().get()));
      assertThat(late.getType()).isEqualTo(MallFailures.CONFLICT);
      assertThat(late.getOriginalMessage()).contains("pay 100 is refunded");
      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      assertThat(afterPlacement())
          .containsExactly(
              PayContract.Activities.CREATE + " 42 amount=" + AMOUNT,
              CANCEL,
              RELEASE,
              PayContract.Activities.CLOSE + " 100",
              PayContract.Activities.FLAG_REFUND + " 100",
              REFUND);
    }
  }

  @Nested
  class Rejected {
    @Test
    void outOfStockCompensatesNewestFirstAndAnswersWithTheOrder() {
      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.insufficientStock("only 0 left");
          };

      ApplicationFailure reason = applicationFailure(catchThrowable(() -> place(THREE_KETTLES)));

      assertThat(reason.getType()).isEqualTo(MallFailures.INSUFFICIENT_STOCK);
      assertThat(reason.getDetails().get(Long.class)).isEqualTo(FakeDomains.ORDER_ID);
      assertThat(afterPlacement())
          .containsExactly(
              ProductContract.Activities.DECR_STOCK_REVERT + " " + ID + " num=3",
              OrderContract.Activities.CREATE_REVERT + " " + ID);
      ApplicationFailure workflowFailure = applicationFailure(catchThrowable(() -> result()));
      assertThat(workflowFailure.getType()).isEqualTo(MallFailures.INSUFFICIENT_STOCK);
      assertThat(sagaStatus()).isEqualTo(MallSearchAttributes.Status.COMPENSATED);
    }

    /**
     * As when the order database hangs (SIGSTOP) under {@code order.createRevert}: its attempts
     * fail for a while. A compensation retries until it is done, and the execution closes with the
     * business outcome - not with the step's failure (issue 20: the SDK ran a local activity with
     * neither a schedule-to-close timeout nor a maximum of attempts only once).
     */
    @Test
    void aCompensationThatFailsForAWhileIsRetriedUntilDone() {
      AtomicInteger failing = new AtomicInteger(2);
      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.insufficientStock("only 0 left");
          };
      fakes.orderChangeBehaviour =
          step -> {
            if (failing.getAndDecrement() > 0) {
              throw ApplicationFailure.newFailure(
                  "the order database does not answer", "java.sql.SQLTransientConnectionException");
            }
          };
      startPlacing(THREE_KETTLES);

      ApplicationFailure reason = applicationFailure(catchThrowable(() -> result()));

      assertThat(reason.getType()).isEqualTo(MallFailures.INSUFFICIENT_STOCK);
      assertThat(reason.getDetails().get(Long.class)).isEqualTo(FakeDomains.ORDER_ID);
      assertThat(afterPlacement())
          .containsExactly(
              ProductContract.Activities.DECR_STOCK_REVERT + " " + ID + " num=3",
              OrderContract.Activities.CREATE_REVERT + " " + ID,
              OrderContract.Activities.CREATE_REVERT + " " + ID,
              OrderContract.Activities.CREATE_REVERT + " " + ID);
      assertThat(sagaStatus()).isEqualTo(MallSearchAttributes.Status.COMPENSATED);
    }

    /**
     * A compensation that fails for good (non-retryable: a bug) ends the execution with a failure
     * the API knows is not a business outcome, never with the step's own failure.
     */
    @Test
    void aCompensationThatFailsForGoodEndsTheSagaWithCompensationFailed() {
      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.insufficientStock("only 0 left");
          };
      fakes.orderChangeBehaviour =
          step -> {
            throw ApplicationFailure.newNonRetryableFailure("a bug", "IllegalStateException");
          };

      ApplicationFailure reason = applicationFailure(catchThrowable(() -> place(THREE_KETTLES)));

      assertThat(reason.getType()).isEqualTo(MallFailures.COMPENSATION_FAILED);
      ApplicationFailure workflowFailure = applicationFailure(catchThrowable(() -> result()));
      assertThat(workflowFailure.getType()).isEqualTo(MallFailures.COMPENSATION_FAILED);
      assertThat(workflowFailure.getOriginalMessage()).contains("a bug");
      assertThat(order().state()).isEqualTo(OrderState.REJECTED);
    }

    @Test
    void aPriceThatChangedWhileOrderingIsAConflictAndCompensates() {
      fakes.decrStockBehaviour =
          change -> {
            throw MallFailures.conflict("the price of product 7 changed");
          };

      ApplicationFailure reason = applicationFailure(catchThrowable(() -> place(THREE_KETTLES)));

      assertThat(reason.getType()).isEqualTo(MallFailures.CONFLICT);
      assertThat(fakes.journal).endsWith(OrderContract.Activities.CREATE_REVERT + " " + ID);
    }

    @Test
    void aStepThatNeverSucceedsInTimeIsCompensatedAsIfItHadApplied() {
      // Every attempt fails like a lost acknowledgement until the step's schedule-to-close
      // timeout: its outcome is unknown, so both compensations run.
      fakes.decrStockBehaviour =
          change -> {
            throw ApplicationFailure.newFailure("connection reset", "Transient");
          };
      startPlacing(THREE_KETTLES);

      ApplicationFailure reason = applicationFailure(catchThrowable(() -> result()));

      assertThat(reason.getType()).isEqualTo(MallFailures.ORDER_COMPENSATED);
      assertThat(reason.getOriginalMessage()).contains(ProductContract.Activities.DECR_STOCK);
      assertThat(reason.getDetails().get(Long.class)).isEqualTo(FakeDomains.ORDER_ID);
      assertThat(fakes.journal).filteredOn(PLACEMENT.get(1)::equals).hasSizeGreaterThan(1);
      assertThat(fakes.journal.subList(fakes.journal.size() - 2, fakes.journal.size()))
          .containsExactly(
              ProductContract.Activities.DECR_STOCK_REVERT + " " + ID + " num=3",
              OrderContract.Activities.CREATE_REVERT + " " + ID);
    }

    @Test
    void cancellingTheWorkflowMidStepStillCompensates() {
      CountDownLatch release = new CountDownLatch(1);
      fakes.decrStockBehaviour =
          change -> {
            try {
              release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          };
      startPlacing(THREE_KETTLES);
      try {
        await().atMost(Duration.ofSeconds(10)).until(() -> fakes.journal.size() == 2);

        WorkflowStub.fromTyped(order()).cancel();

        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(afterPlacement())
                        .containsExactly(
                            ProductContract.Activities.DECR_STOCK_REVERT + " " + ID + " num=3",
                            OrderContract.Activities.CREATE_REVERT + " " + ID));
      } finally {
        release.countDown();
      }
    }

    @ParameterizedTest
    @CsvSource({"0, 250", "2, 9223372036854775807"})
    void aQuantityBelowOneOrAnAmountThatOverflowsWritesNothing(int num, long unitPrice) {
      ApplicationFailure reason =
          applicationFailure(
              catchThrowable(
                  () -> place(new OrderRequest(1, FakeDomains.PRODUCT_ID, num, unitPrice, null))));

      assertThat(reason.getType()).isEqualTo(MallFailures.INVALID_REQUEST);
      assertThat(fakes.journal).isEmpty();
      assertThat(order().state()).isEqualTo(OrderState.REJECTED);
    }
  }

  @Nested
  class Duplicates {
    @Test
    void aRetriedPlacementReturnsTheSameOrderAndWritesNothingTwice() {
      PlacedOrder first = place(THREE_KETTLES);

      assertThat(place(THREE_KETTLES)).isEqualTo(first);
      assertThat(fakes.journal).isEqualTo(PLACEMENT);
    }

    @Test
    void aRetryOfTheSameKeyedRequestGetsItsOrder() {
      PlacedOrder first = place(env.getWorkflowClient(), ID, THREE_KETTLES, "fingerprint-a");

      assertThat(place(env.getWorkflowClient(), ID, THREE_KETTLES, "fingerprint-a"))
          .isEqualTo(first);
      assertThat(fakes.journal).isEqualTo(PLACEMENT);
    }

    @Test
    void aDifferentRequestReusingTheKeyIsRefusedAndWritesNothing() {
      place(env.getWorkflowClient(), ID, THREE_KETTLES, "fingerprint-a");

      ApplicationFailure refused =
          applicationFailure(
              catchThrowable(
                  () -> place(env.getWorkflowClient(), ID, THREE_KETTLES, "fingerprint-b")));

      assertThat(refused.getType()).isEqualTo(MallFailures.IDEMPOTENCY_KEY_REUSED);
      assertThat(fakes.journal).isEqualTo(PLACEMENT);
      assertThat(order().state()).isEqualTo(OrderState.AWAITING_PAYMENT);
    }

    @Test
    void aProviderEventThatLosesToTheCancellationIsAnsweredWithItsPayRefundedOnce()
        throws Exception {
      place(THREE_KETTLES);
      PayView pay = order().createPay(AMOUNT);
      CountDownLatch cancelling = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      fakes.releaseStockBehaviour =
          () -> {
            cancelling.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
          };
      WorkflowStub stub = WorkflowStub.fromTyped(order());
      stub.startUpdate(
          OrderContract.Updates.CANCEL, WorkflowUpdateStage.ACCEPTED, OrderState.class);
      assertThat(cancelling.await(10, TimeUnit.SECONDS)).isTrue();

      List<WorkflowUpdateHandle<PayView>> deliveries = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        deliveries.add(
            stub.startUpdate(
                OrderContract.Updates.PAY_CALLBACK,
                WorkflowUpdateStage.ACCEPTED,
                PayView.class,
                new PayCallback(pay.id(), AMOUNT, 1, "evt_late")));
      }
      release.countDown();

      for (WorkflowUpdateHandle<PayView> delivery : deliveries) {
        assertThat(delivery.getResultAsync().get().status()).isEqualTo(PayStatus.REFUNDED);
      }
      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      assertThat(afterPlacement())
          .containsExactly(
              PayContract.Activities.CREATE + " 42 amount=" + AMOUNT,
              CANCEL,
              RELEASE,
              PayContract.Activities.CLOSE + " 100",
              PayContract.Activities.FLAG_REFUND + " 100",
              REFUND);
      assertThat(fakes.refundAttempts).hasValue(1);
    }

    @Test
    void oneOrderHasOnePay() {
      place(THREE_KETTLES);

      PayView first = order().createPay(AMOUNT);

      assertThat(order().createPay(AMOUNT)).isEqualTo(first);
      assertThat(afterPlacement())
          .containsExactly(PayContract.Activities.CREATE + " 42 amount=" + AMOUNT);
    }

    @Test
    @Timeout(120) // before the bounded retries, createPay waited for the provider forever
    void aProviderThatStaysDownIsAnsweredAfterBoundedRetriesAndARetryLaterGetsTheSamePay() {
      place(THREE_KETTLES);
      fakes.providerDown = true;

      ApplicationFailure unavailable =
          applicationFailure(catchThrowable(() -> order().createPay(AMOUNT)));

      assertThat(unavailable.getType()).isEqualTo(MallFailures.PAYMENT_PROVIDER_UNAVAILABLE);
      String create = PayContract.Activities.CREATE + " 42 amount=" + AMOUNT;
      assertThat(afterPlacement())
          .as("three attempts, then the answer")
          .containsExactly(create, create, create);
      assertThat(order().state()).isEqualTo(OrderState.AWAITING_PAYMENT);

      fakes.providerDown = false;
      PayView pay = order().createPay(AMOUNT);

      assertThat(pay.id()).isEqualTo(FakeDomains.PAY_ID);
      assertThat(pay.checkout()).isEqualTo(FakeDomains.CHECKOUT);
      assertThat(order().createPay(AMOUNT)).as("opened once").isEqualTo(pay);
      assertThat(afterPlacement()).containsExactly(create, create, create, create);
    }

    @Test
    void aPayWhoseCheckoutNeverOpenedIsClosedWithItsCancelledOrder() {
      place(THREE_KETTLES);
      fakes.providerDown = true;
      assertThat(applicationFailure(catchThrowable(() -> order().createPay(AMOUNT))).getType())
          .isEqualTo(MallFailures.PAYMENT_PROVIDER_UNAVAILABLE);

      assertThat(order().cancel()).isEqualTo(OrderState.CANCELLED);

      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      assertThat(afterPlacement())
          .endsWith(CANCEL, RELEASE, PayContract.Activities.CLOSE + " " + FakeDomains.PAY_ID);
    }

    @Test
    void aPaidOrderIsOverSoALaterCallbackChangesNothing() {
      place(THREE_KETTLES);
      PayView pay = order().createPay(AMOUNT);
      order().payCallback(new PayCallback(pay.id(), AMOUNT, 2, "evt_1"));
      assertThat(result().state()).isEqualTo(OrderState.PAID);

      assertThatThrownBy(() -> order().payCallback(new PayCallback(pay.id(), AMOUNT, 2, "evt_2")))
          .isInstanceOf(WorkflowNotFoundException.class);
      assertThat(fakes.journal)
          .containsOnlyOnce(
              PayContract.Activities.MARK_PAID + " 100",
              OrderContract.Activities.MARK_PAID + " 42");
    }
  }

  @Nested
  class Refunds {
    /**
     * Places an order with a pay, holds its cancellation in {@code product.releaseStock} and
     * delivers provider event {@code eventId} {@code times} times meanwhile: the payment loses.
     */
    private List<WorkflowUpdateHandle<PayView>> payWhileCancelling(String eventId, int times)
        throws Exception {
      place(THREE_KETTLES);
      PayView pay = order().createPay(AMOUNT);
      CountDownLatch cancelling = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      fakes.releaseStockBehaviour =
          () -> {
            cancelling.countDown();
            assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
          };
      WorkflowStub stub = WorkflowStub.fromTyped(order());
      stub.startUpdate(
          OrderContract.Updates.CANCEL, WorkflowUpdateStage.ACCEPTED, OrderState.class);
      assertThat(cancelling.await(10, TimeUnit.SECONDS)).isTrue();
      List<WorkflowUpdateHandle<PayView>> deliveries = new ArrayList<>();
      for (int i = 0; i < times; i++) {
        deliveries.add(
            stub.startUpdate(
                OrderContract.Updates.PAY_CALLBACK,
                WorkflowUpdateStage.ACCEPTED,
                PayView.class,
                new PayCallback(pay.id(), AMOUNT, 1, eventId)));
      }
      release.countDown();
      return deliveries;
    }

    @Test
    void aLatePaymentIsFlaggedThenRefundedOnceAsAnActivityNamedPayRefund() throws Exception {
      PayView answer = payWhileCancelling("evt_late", 1).getFirst().getResultAsync().get();

      assertThat(answer.status()).isEqualTo(PayStatus.REFUNDED);
      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      assertThat(afterPlacement())
          .endsWith(PayContract.Activities.FLAG_REFUND + " 100", REFUND)
          .containsOnlyOnce(REFUND);
      assertThat(fakes.executions)
          .contains(PayContract.Activities.REFUND + " on " + PayContract.TASK_QUEUE + ", remote");
      // What the Web UI shows: the refund is an activity of the order's history, by name.
      assertThat(
              env.getWorkflowClient().fetchHistory(ID).getEvents().stream()
                  .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                  .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
                  .filter(PayContract.Activities.REFUND::equals))
          .hasSize(1);
    }

    @Test
    void aProviderThatFailsTwiceIsAskedAgainAndRefundsOnce() throws Exception {
      AtomicInteger failures = new AtomicInteger(2);
      fakes.refundBehaviour =
          () -> {
            if (failures.getAndDecrement() > 0) {
              throw ApplicationFailure.newFailure("the provider answered 503", "ProviderDown");
            }
          };

      List<WorkflowUpdateHandle<PayView>> deliveries = payWhileCancelling("evt_late", 2);

      for (WorkflowUpdateHandle<PayView> delivery : deliveries) {
        assertThat(delivery.getResultAsync().get().status()).isEqualTo(PayStatus.REFUNDED);
      }
      assertThat(result().state()).isEqualTo(OrderState.CANCELLED);
      assertThat(fakes.refundAttempts).hasValue(3);
      assertThat(afterPlacement()).containsOnlyOnce(REFUND);
      assertThat(afterPlacement()).containsOnlyOnce(PayContract.Activities.FLAG_REFUND + " 100");
    }
  }

  @Nested
  class RefusedPayments {
    @Test
    void aPayForAnotherAmountIsRefused() {
      place(THREE_KETTLES);

      ApplicationFailure refused =
          applicationFailure(catchThrowable(() -> order().createPay(AMOUNT - 1)));

      assertThat(refused.getType()).isEqualTo(MallFailures.INVALID_REQUEST);
      assertThat(afterPlacement()).isEmpty();
    }

    @Test
    void aCallbackForAnotherPayOrAmountIsRefused() {
      place(THREE_KETTLES);
      PayView pay = order().createPay(AMOUNT);

      assertThat(
              applicationFailure(
                      catchThrowable(
                          () ->
                              order()
                                  .payCallback(new PayCallback(pay.id() + 1, AMOUNT, 2, "evt_1"))))
                  .getType())
          .isEqualTo(MallFailures.NOT_FOUND);
      assertThat(
              applicationFailure(
                      catchThrowable(
                          () -> order().payCallback(new PayCallback(pay.id(), 1, 2, "evt_1"))))
                  .getType())
          .isEqualTo(MallFailures.INVALID_REQUEST);
      assertThat(order().state()).isEqualTo(OrderState.AWAITING_PAYMENT);
    }
  }
}
