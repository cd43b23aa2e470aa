package com.temporalmall.api.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.temporalmall.api.web.ProblemException;
import com.temporalmall.workflows.product.ProductView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

class StockAdmissionTest {
  private static final Duration LONG = Duration.ofMinutes(5);

  private final ProductReads products = mock(ProductReads.class);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final StockAdmission admission =
      new StockAdmission(products, Runnable::run, true, meters);

  private static ProductView kettle(int stock) {
    return new ProductView(7, "kettle", "", stock, 1999, 1);
  }

  private void stockIs(int stock) {
    when(products.detail(7)).thenReturn(kettle(stock));
  }

  /** A buyer of {@code num} kettles who finds {@code stock} in stock when his read runs. */
  private CompletableFuture<StockAdmission.Admission> buy(
      StockAdmission gate, int stock, int num, Duration maxWait) {
    stockIs(stock);
    return gate.admit(7, num, maxWait, product -> {});
  }

  private static String outcome(CompletableFuture<StockAdmission.Admission> admitted) {
    if (!admitted.isDone()) {
      return "waiting";
    }
    if (!admitted.isCompletedExceptionally()) {
      return "admitted";
    }
    Throwable failure = admitted.handle((ticket, e) -> e).join();
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (cause instanceof ProblemException problem) {
      return problem.getBody().getType().getPath().replace("/problems/", "");
    }
    return cause.getClass().getSimpleName();
  }

  @Test
  void aBurstLetsThroughAsManyAsTheStockAndTurnsTheRestAwayOnceTheStockIsGone() {
    List<CompletableFuture<StockAdmission.Admission>> buyers = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      buyers.add(buy(admission, 100, 1, LONG));
    }
    assertThat(buyers.stream().map(StockAdmissionTest::outcome))
        .as("100 may try, the other 900 wait while the stock read still shows items")
        .containsOnly("admitted", "waiting")
        .filteredOn("admitted"::equals)
        .hasSize(100);

    stockIs(0); // the 100 took every item; one of them is answered, 99 are still in flight
    admission.release(buyers.getFirst().join().ticket());
    assertThat(buyers.stream().skip(100).map(StockAdmissionTest::outcome))
        .as("the stock is gone: the waiting are answered without waiting for the 99")
        .containsOnly("insufficient-stock");
    assertThat(outcome(buy(admission, 0, 1, LONG)))
        .as("no stock: refused at once")
        .isEqualTo("insufficient-stock");
    assertThat(meters.get("mall.orders.turned.away").counter().count()).isEqualTo(901);
  }

  @Test
  void theWaitingAreJudgedAgainstTheStockReadWhenAPlacementIsAnswered() {
    CompletableFuture<StockAdmission.Admission> first = buy(admission, 1, 1, LONG);
    CompletableFuture<StockAdmission.Admission> second = buy(admission, 1, 1, LONG);
    assertThat(outcome(first)).isEqualTo("admitted");
    assertThat(outcome(second)).isEqualTo("waiting");

    stockIs(1); // the first one's saga failed and gave its item back
    admission.release(first.join().ticket());
    assertThat(outcome(second)).isEqualTo("admitted");
  }

  @Test
  void aReadThatAlreadyCountsAnItemInFlightMakesTheGateStricterUntilThatPlacementIsAnswered() {
    CompletableFuture<StockAdmission.Admission> first = buy(admission, 2, 1, LONG);
    // read after the first one's decrement committed, before its answer: 1 left, 1 in flight
    CompletableFuture<StockAdmission.Admission> second = buy(admission, 1, 1, LONG);
    assertThat(outcome(second)).as("not refused: an item is left").isEqualTo("waiting");

    stockIs(1);
    admission.release(first.join().ticket());
    assertThat(outcome(second)).isEqualTo("admitted");
  }

  @Test
  void aPlacementTheStockCoversIsNeverTurnedAwayWhileOthersAreInFlight() {
    CompletableFuture<StockAdmission.Admission> two = buy(admission, 5, 2, LONG);
    CompletableFuture<StockAdmission.Admission> three = buy(admission, 5, 3, LONG);
    CompletableFuture<StockAdmission.Admission> one = buy(admission, 5, 1, LONG);
    assertThat(List.of(outcome(two), outcome(three), outcome(one)))
        .containsExactly("admitted", "admitted", "waiting");
  }

  @Test
  void aWaiterThatGivesUpHoldsNothing() throws Exception {
    CompletableFuture<StockAdmission.Admission> first = buy(admission, 1, 1, LONG);
    CompletableFuture<StockAdmission.Admission> impatient =
        buy(admission, 1, 1, Duration.ofMillis(1));
    assertThat(impatient.handle((ticket, e) -> e).get(1, java.util.concurrent.TimeUnit.MINUTES))
        .hasRootCauseInstanceOf(TimeoutException.class);

    stockIs(1);
    admission.release(first.join().ticket());
    assertThat(outcome(buy(admission, 1, 1, LONG)))
        .as("the item the impatient one would have claimed is free")
        .isEqualTo("admitted");
  }

  @Test
  void whenTheStockCannotBeReadTheWaitingGetTheReadsFailure() {
    CompletableFuture<StockAdmission.Admission> first = buy(admission, 1, 1, LONG);
    CompletableFuture<StockAdmission.Admission> second = buy(admission, 1, 1, LONG);
    when(products.detail(7)).thenThrow(new DataAccessResourceFailureException("down"));
    admission.release(first.join().ticket());
    assertThat(outcome(second)).isEqualTo("DataAccessResourceFailureException");
  }

  @Test
  void switchedOffItLetsEveryPlacementThrough() {
    StockAdmission off = new StockAdmission(products, Runnable::run, false, meters);
    assertThat(outcome(buy(off, 0, 1, LONG))).isEqualTo("admitted");
  }

  @Test
  void aBurstOfBuyersSharesAHandfulOfReads() {
    java.util.Queue<Runnable> pool = new java.util.ArrayDeque<>();
    StockAdmission gate = new StockAdmission(products, pool::add, true, meters);
    stockIs(10);
    List<CompletableFuture<StockAdmission.Admission>> buyers = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      buyers.add(gate.admit(7, 1, LONG, product -> {}));
    }
    assertThat(pool).as("one read runs at a time").hasSize(1);
    while (!pool.isEmpty()) {
      pool.poll().run();
    }
    // the first buyer's read, and one shared by the 99 who came while it was under way
    org.mockito.Mockito.verify(products, org.mockito.Mockito.times(2)).detail(7);
    assertThat(buyers.stream().map(StockAdmissionTest::outcome))
        .filteredOn("admitted"::equals)
        .hasSize(10);
  }

  @Test
  void aCheckThatRefusesTheProductHoldsNothing() {
    stockIs(1);
    CompletableFuture<StockAdmission.Admission> wrongAmount =
        admission.admit(
            7,
            1,
            LONG,
            product -> {
              throw new IllegalArgumentException("amount");
            });
    assertThat(outcome(wrongAmount)).isEqualTo("IllegalArgumentException");
    assertThat(outcome(buy(admission, 1, 1, LONG))).isEqualTo("admitted");
  }

  @Test
  void aFullExecutorFailsTheReadAtOnceAndTheNextBuyerReadsAgain() {
    java.util.concurrent.atomic.AtomicBoolean full =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    StockAdmission gate =
        new StockAdmission(
            products,
            task -> {
              if (full.get()) {
                throw new java.util.concurrent.RejectedExecutionException("queue full");
              }
              task.run();
            },
            true,
            meters);
    assertThat(outcome(buy(gate, 1, 1, LONG)))
        .as("no read can be queued: answered now (503), not left waiting")
        .isEqualTo("RejectedExecutionException");

    full.set(false);
    assertThat(outcome(buy(gate, 1, 1, LONG)))
        .as("the gate is not stuck on the read that never ran")
        .isEqualTo("admitted");
  }
}
