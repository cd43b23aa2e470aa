package com.temporalmall.workflows.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.temporalmall.workflows.MallFailures;
import com.temporalmall.workflows.MallSearchAttributes;
import com.temporalmall.workflows.MallTestEnvironment;
import com.temporalmall.workflows.product.ProductContract;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The saga against in-memory fakes on the Temporal test server, with time skipping. */
class OrderSagaWorkflowTest {
  private static final String GID = OrderContract.sagaWorkflowId("test");

  private TestWorkflowEnvironment env;
  private FakeDomains fakes;

  @BeforeEach
  void startTestServer() {
    env = MallTestEnvironment.newInstance();
    fakes = new FakeDomains();
    fakes.serveOn(env, OrderSagaWorkflowImpl.class, OrderLifecycleWorkflowImpl.class);
    env.start();
  }

  @AfterEach
  void stopTestServer() {
    env.close();
  }

  private OrderSagaWorkflow saga() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            OrderSagaWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(GID)
                .setTaskQueue(OrderContract.LEGACY_TASK_QUEUE)
                .build());
  }

  @Test
  void placesTheOrderAtPriceTimesQuantity() {
    PlacedOrder placed = saga().placeOrder(new PlaceOrder(1, 7, 3, null));

    assertThat(placed).isEqualTo(new PlacedOrder(FakeDomains.ORDER_ID, 3 * FakeDomains.PRICE));
    io.temporal.common.SearchAttributes searchable =
        env.getWorkflowClient().newUntypedWorkflowStub(GID).describe().getTypedSearchAttributes();
    assertThat(searchable.get(MallSearchAttributes.ORDER_ID)).isEqualTo(FakeDomains.ORDER_ID);
    assertThat(searchable.get(MallSearchAttributes.USER_ID)).isEqualTo(1L);
    assertThat(searchable.get(MallSearchAttributes.PRODUCT_ID)).isEqualTo(7L);
    assertThat(searchable.get(MallSearchAttributes.SAGA_STATUS)).isEqualTo("PLACED");
    assertThat(fakes.journal)
        .containsExactly(
            ProductContract.Activities.DETAIL + " 7",
            OrderContract.Activities.CREATE + " " + GID + " num=3 amount=750",
            ProductContract.Activities.DECR_STOCK + " " + GID + " num=3");
  }

  @Test
  void outOfStockCompensatesNewestFirstAndReportsTheOrder() {
    fakes.decrStockBehaviour =
        change -> {
          throw MallFailures.insufficientStock("only 0 left");
        };

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> saga().placeOrder(new PlaceOrder(1, 7, 2, null)));

    ApplicationFailure reason = (ApplicationFailure) failed.getCause();
    assertThat(reason.getType()).isEqualTo(MallFailures.INSUFFICIENT_STOCK);
    assertThat(reason.getDetails().get(Long.class)).isEqualTo(FakeDomains.ORDER_ID);
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub(GID)
                .describe()
                .getTypedSearchAttributes()
                .get(MallSearchAttributes.SAGA_STATUS))
        .isEqualTo("COMPENSATED");
    assertThat(fakes.journal)
        .containsExactly(
            ProductContract.Activities.DETAIL + " 7",
            OrderContract.Activities.CREATE + " " + GID + " num=2 amount=500",
            ProductContract.Activities.DECR_STOCK + " " + GID + " num=2",
            ProductContract.Activities.DECR_STOCK_REVERT + " " + GID + " num=2",
            OrderContract.Activities.CREATE_REVERT + " " + GID);
  }

  @Test
  void aStepThatNeverAnswersInTimeIsCompensatedAsIfItHadApplied() {
    // Every attempt "applies" and then fails like a lost acknowledgement, until the step's
    // schedule-to-close timeout: its outcome is unknown, so both compensations must run.
    fakes.decrStockBehaviour =
        change -> {
          throw ApplicationFailure.newFailure("connection reset", "Transient");
        };

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> saga().placeOrder(new PlaceOrder(1, 7, 1, null)));

    ApplicationFailure reason = (ApplicationFailure) failed.getCause();
    assertThat(reason.getType()).isEqualTo(MallFailures.ORDER_COMPENSATED);
    assertThat(reason.getOriginalMessage()).contains(ProductContract.Activities.DECR_STOCK);
    assertThat(reason.getDetails().get(Long.class)).isEqualTo(FakeDomains.ORDER_ID);
    assertThat(
            fakes.journal.stream()
                .filter(call -> call.startsWith(ProductContract.Activities.DECR_STOCK + " "))
                .count())
        .as("retried until the timeout")
        .isGreaterThan(1);
    assertThat(fakes.journal.subList(fakes.journal.size() - 2, fakes.journal.size()))
        .containsExactly(
            ProductContract.Activities.DECR_STOCK_REVERT + " " + GID + " num=1",
            OrderContract.Activities.CREATE_REVERT + " " + GID);
  }

  @Test
  void unknownProductWritesNothing() {
    fakes.productExists = false;

    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> saga().placeOrder(new PlaceOrder(1, 7, 1, null)));

    assertThat(((ApplicationFailure) failed.getCause()).getType())
        .isEqualTo(MallFailures.NOT_FOUND);
    assertThat(fakes.journal).containsExactly(ProductContract.Activities.DETAIL + " 7");
  }

  @Test
  void aClientAmountThatDiffersFromPriceTimesQuantityIsRejectedBeforeAnyWrite() {
    WorkflowFailedException failed =
        catchThrowableOfType(
            WorkflowFailedException.class, () -> saga().placeOrder(new PlaceOrder(1, 7, 2, 1L)));

    ApplicationFailure reason = (ApplicationFailure) failed.getCause();
    assertThat(reason.getType()).isEqualTo(MallFailures.INVALID_REQUEST);
    assertThat(reason.getOriginalMessage()).contains("500");
    assertThat(fakes.journal).containsExactly(ProductContract.Activities.DETAIL + " 7");
  }

  @Test
  void aClientAmountThatMatchesIsAccepted() {
    assertThat(saga().placeOrder(new PlaceOrder(1, 7, 2, 500L)).amount()).isEqualTo(500);
  }

  @Test
  void cancellingTheWorkflowMidStepStillCompensates() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    fakes.decrStockBehaviour =
        change -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    OrderSagaWorkflow saga = saga();
    WorkflowClient.start(saga::placeOrder, new PlaceOrder(1, 7, 1, null));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                fakes.journal.contains(
                    ProductContract.Activities.DECR_STOCK + " " + GID + " num=1"));

    WorkflowStub.fromTyped(saga).cancel();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> fakes.journal.contains(OrderContract.Activities.CREATE_REVERT + " " + GID));
    release.countDown();
    assertThat(fakes.journal)
        .containsSubsequence(
            ProductContract.Activities.DECR_STOCK + " " + GID + " num=1",
            ProductContract.Activities.DECR_STOCK_REVERT + " " + GID + " num=1",
            OrderContract.Activities.CREATE_REVERT + " " + GID);
  }
}
