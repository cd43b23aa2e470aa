package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.bench.PaymentsChaos.LedgerEntry;
import com.temporalmall.bench.PaymentsChaos.OrderBook;
import com.temporalmall.bench.PaymentsChaos.Timing;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PaymentsChaosTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Duration DELAY = Duration.ofSeconds(8);
  private static final Duration QUERY_DELAY = Duration.ofSeconds(12);
  private static final List<String> VICTIMS = List.of("pay-worker", "order-worker");

  @Test
  void thePlanMixesEveryTimingAroundTheQueryDelayAndTheTimeout() {
    for (long seed = 0; seed < 200; seed++) {
      List<PaymentsChaos.Payment> plan =
          PaymentsChaos.plan(new Random(seed), 40, TIMEOUT, DELAY, QUERY_DELAY);

      assertThat(plan)
          .extracting(PaymentsChaos.Payment::index)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).boxed().toList());
      assertThat(
              plan.stream()
                  .collect(
                      Collectors.groupingBy(PaymentsChaos.Payment::timing, Collectors.counting())))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  Timing.PROMPT,
                  12L,
                  Timing.DROPPED,
                  6L,
                  Timing.DROPPED_LATE,
                  4L,
                  Timing.LATE,
                  6L,
                  Timing.AFTER_CANCEL,
                  6L,
                  Timing.NEVER,
                  6L));
      for (PaymentsChaos.Payment payment : plan) {
        switch (payment.timing()) {
          case PROMPT ->
              assertThat(payment.payAfter().plus(DELAY))
                  .as("its callback comes before the provider query")
                  .isBetween(DELAY.plusSeconds(1), QUERY_DELAY.minusSeconds(1));
          case DROPPED ->
              assertThat(payment.payAfter())
                  .as("captured well before the provider query")
                  .isBetween(Duration.ofSeconds(1), QUERY_DELAY.minusSeconds(8));
          case DROPPED_LATE ->
              assertThat(payment.payAfter())
                  .as("captured after the first provider query, well before the timer's")
                  .isBetween(QUERY_DELAY.plusSeconds(1), TIMEOUT.minusSeconds(6));
          case LATE -> {
            assertThat(payment.payAfter()).as("captured before the timeout").isLessThan(TIMEOUT);
            assertThat(payment.payAfter().plus(DELAY))
                .as("its callback comes after the timeout")
                .isGreaterThan(TIMEOUT.plusSeconds(1));
          }
          case AFTER_CANCEL ->
              assertThat(payment.payAfter()).isBetween(Duration.ZERO, Duration.ofSeconds(3));
          case NEVER -> assertThat(payment.payAfter()).isNull();
        }
      }
    }
  }

  @Test
  void theSeedRepeatsThePlanAndNearbySeedsVaryIt() {
    assertThat(PaymentsChaos.plan(new Random(42), 40, TIMEOUT, DELAY, QUERY_DELAY))
        .isEqualTo(PaymentsChaos.plan(new Random(42), 40, TIMEOUT, DELAY, QUERY_DELAY));
    assertThat(PaymentsChaos.kills(new Random(42), VICTIMS, 2))
        .isEqualTo(PaymentsChaos.kills(new Random(42), VICTIMS, 2));
    assertThat(
            java.util.stream.LongStream.range(1, 21)
                .mapToObj(
                    seed ->
                        PaymentsChaos.plan(new Random(seed), 40, TIMEOUT, DELAY, QUERY_DELAY)
                            .getFirst())
                .map(PaymentsChaos.Payment::timing)
                .distinct())
        .as("CHAOS_SEED=1..20 start with different timings")
        .hasSizeGreaterThan(1);
  }

  @Test
  void onlyTheDroppedTimingsDropCallbacks() {
    assertThat(java.util.Arrays.stream(Timing.values()).filter(Timing::dropsCallbacks))
        .containsExactlyInAnyOrder(Timing.DROPPED, Timing.DROPPED_LATE);
  }

  @Test
  void aQueryDelayThatLeavesNoRoomForPromptOrDroppedLatePaymentsIsRefused() {
    assertThatThrownBy(
            () -> PaymentsChaos.plan(new Random(1), 10, TIMEOUT, DELAY, Duration.ofSeconds(11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the query delay");
    assertThatThrownBy(
            () -> PaymentsChaos.plan(new Random(1), 10, TIMEOUT, DELAY, Duration.ofSeconds(13)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the query delay");
  }

  @Test
  void aTimeoutTooShortForLatePaymentsIsRefused() {
    assertThatThrownBy(
            () ->
                PaymentsChaos.plan(
                    new Random(1),
                    10,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(8),
                    Duration.ofSeconds(12)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must exceed the callback delay");
  }

  @Test
  void eachVictimIsKilledTwiceTheFirstTimeEarlyAndEachTimeBackTwoToFiveSecondsLater() {
    for (long seed = 0; seed < 200; seed++) {
      List<PaymentsChaos.Kill> kills = PaymentsChaos.kills(new Random(seed), VICTIMS, 2);

      assertThat(
              kills.stream()
                  .collect(
                      Collectors.groupingBy(PaymentsChaos.Kill::victim, Collectors.counting())))
          .containsExactlyInAnyOrderEntriesOf(Map.of("pay-worker", 2L, "order-worker", 2L));
      for (String victim : VICTIMS) {
        List<PaymentsChaos.Kill> its =
            kills.stream().filter(kill -> kill.victim().equals(victim)).toList();
        assertThat(its.getFirst().after()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
        assertThat(its.get(1).after()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
      }
      assertThat(kills)
          .allSatisfy(
              kill ->
                  assertThat(kill.downFor())
                      .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }
  }

  @Test
  void balancedBooksPassEveryCheck() {
    List<Books.Check> checks = PaymentsChaos.check(balancedOrders(), balancedLedger());

    assertThat(checks).isNotEmpty().allMatch(Books.Check::ok, "ok");
    assertThat(PaymentsChaos.settled(balancedOrders(), balancedLedger())).isTrue();
    assertThat(PaymentsChaos.outcomes(balancedOrders()))
        .containsEntry(Timing.PROMPT, Map.of("paid", 1))
        .containsEntry(Timing.DROPPED, Map.of("paid", 1))
        .containsEntry(Timing.DROPPED_LATE, Map.of("paid", 1))
        .containsEntry(Timing.LATE, Map.of("refunded", 1))
        .containsEntry(Timing.AFTER_CANCEL, Map.of("refunded", 1))
        .containsEntry(Timing.NEVER, Map.of("cancelled", 1));
  }

  @Test
  void aLatePaymentThatWonTheRaceIsPaidToo() {
    List<OrderBook> orders = balancedOrders();
    orders.set(1, new OrderBook(2, Timing.LATE, 1, 12L, 1, 199, "co_2", 1));
    List<LedgerEntry> ledger =
        new ArrayList<>(balancedLedger().stream().filter(e -> !isRefundOf(e, "co_2")).toList());

    assertThat(PaymentsChaos.check(orders, ledger)).allMatch(Books.Check::ok, "ok");
  }

  @Test
  void aCaptureOfACancelledOrderNeverRefundedFails() {
    List<LedgerEntry> ledger =
        balancedLedger().stream().filter(e -> !isRefundOf(e, "co_3")).toList();
    List<OrderBook> orders = balancedOrders();
    orders.set(2, new OrderBook(3, Timing.AFTER_CANCEL, 9, 13L, 3, 199, "co_3", 1));

    assertThat(PaymentsChaos.settled(orders, ledger)).as("pay 3: refund still due").isFalse();
    assertThat(failed(PaymentsChaos.check(orders, ledger)))
        .containsKeys(
            "every capture: order and pay paid (1/1), or order cancelled, pay refunded (9/4) and"
                + " exactly one refund of the captured amount",
            "every checkout paid after its order was cancelled is refunded",
            "ledger: captures - refunds = the paid orders' amounts");
  }

  @Test
  void aCaptureRefundedTwiceOrInPartFails() {
    List<LedgerEntry> twice = new ArrayList<>(balancedLedger());
    twice.add(new LedgerEntry("refund", "co_3", 199));
    assertThat(failed(PaymentsChaos.check(balancedOrders(), twice)))
        .containsKeys(
            "every capture: order and pay paid (1/1), or order cancelled, pay refunded (9/4) and"
                + " exactly one refund of the captured amount",
            "ledger: captures - refunds = the paid orders' amounts");

    List<LedgerEntry> part =
        new ArrayList<>(balancedLedger().stream().filter(e -> !isRefundOf(e, "co_3")).toList());
    part.add(new LedgerEntry("refund", "co_3", 100));
    assertThat(failed(PaymentsChaos.check(balancedOrders(), part)))
        .containsKey(
            "every capture: order and pay paid (1/1), or order cancelled, pay refunded (9/4) and"
                + " exactly one refund of the captured amount");
  }

  @Test
  void aRefundWithoutACaptureOrAPaymentWithoutOneFails() {
    List<LedgerEntry> ledger = new ArrayList<>(balancedLedger());
    ledger.add(new LedgerEntry("refund", "co_4", 199));
    assertThat(failed(PaymentsChaos.check(balancedOrders(), ledger)))
        .containsKey("no refund without a capture");

    List<OrderBook> orders = balancedOrders();
    orders.set(3, new OrderBook(4, Timing.NEVER, 1, 14L, 1, 199, "co_4", 1));
    assertThat(failed(PaymentsChaos.check(orders, balancedLedger())))
        .containsKeys(
            "nothing paid or refunded in the mall without a capture at the provider",
            "every order never paid is cancelled by the timer, its pay closed (9/2)",
            "ledger: captures - refunds = the paid orders' amounts");
  }

  @Test
  void aDroppedCallbacksCaptureTheMallNeverFoundFailsAndIsNotWaitedFor() {
    List<OrderBook> orders = balancedOrders();
    orders.set(4, new OrderBook(5, Timing.DROPPED, 9, 15L, 2, 199, "co_5", 1));

    assertThat(PaymentsChaos.settled(orders, balancedLedger()))
        .as("its callback will never come: nothing to wait for")
        .isTrue();
    assertThat(failed(PaymentsChaos.check(orders, balancedLedger())))
        .containsKeys(
            "every payment whose callbacks were all dropped is found by asking the provider: order"
                + " and pay paid (1/1) with its capture",
            "every capture: order and pay paid (1/1), or order cancelled, pay refunded (9/4) and"
                + " exactly one refund of the captured amount",
            "ledger: captures - refunds = the paid orders' amounts");
  }

  @Test
  void aDroppedCallbacksCaptureRefundedInsteadOfPaidFails() {
    List<OrderBook> orders = balancedOrders();
    orders.set(5, new OrderBook(6, Timing.DROPPED_LATE, 9, 16L, 4, 199, "co_6", 1));
    List<LedgerEntry> ledger = new ArrayList<>(balancedLedger());
    ledger.add(new LedgerEntry("refund", "co_6", 199));

    assertThat(failed(PaymentsChaos.check(orders, ledger)))
        .containsOnlyKeys(
            "every payment whose callbacks were all dropped is found by asking the provider: order"
                + " and pay paid (1/1) with its capture");
  }

  @Test
  void droppedCallbacksMustNeverHaveBeenAttempted() {
    assertThat(PaymentsChaos.neverDelivered(Map.of("co_5", 0, "co_6", 0)).ok()).isTrue();
    Books.Check attempted = PaymentsChaos.neverDelivered(Map.of("co_5", 0, "co_6", 2));
    assertThat(attempted.ok()).isFalse();
    assertThat(attempted.detail()).contains("co_6=2").doesNotContain("co_5");
  }

  @Test
  void noDroppedPaymentAtAllFailsTheDroppedCheck() {
    List<OrderBook> orders =
        balancedOrders().stream().filter(order -> !order.timing().dropsCallbacks()).toList();
    List<LedgerEntry> ledger =
        balancedLedger().stream()
            .filter(e -> !e.checkout().equals("co_5") && !e.checkout().equals("co_6"))
            .toList();

    assertThat(failed(PaymentsChaos.check(orders, ledger)))
        .containsOnlyKeys(
            "every payment whose callbacks were all dropped is found by asking the provider: order"
                + " and pay paid (1/1) with its capture");
  }

  @Test
  void aDroppedPaymentIsMadeAsPlannedButNeverWhenTheTimerMayHaveFired() {
    Instant sagaStart = Instant.parse("2026-12-01T20:00:00Z");
    Instant placed = sagaStart.plusSeconds(2);

    assertThat(
            PaymentsChaos.droppedPayAt(
                placed, Duration.ofSeconds(3), sagaStart, TIMEOUT, placed.plusSeconds(1)))
        .contains(placed.plusSeconds(3));
    assertThat(
            PaymentsChaos.droppedPayAt(
                placed, Duration.ofSeconds(17), sagaStart, TIMEOUT, placed.plusSeconds(1)))
        .as("no later than the margin before the timer")
        .contains(sagaStart.plus(TIMEOUT).minus(PaymentsChaos.DROP_MARGIN));
    assertThat(
            PaymentsChaos.droppedPayAt(
                placed,
                Duration.ofSeconds(3),
                sagaStart,
                TIMEOUT,
                sagaStart.plus(TIMEOUT).minus(PaymentsChaos.DROP_MARGIN).plusMillis(1)))
        .as("pay/create answered too late: not paid")
        .isEmpty();
  }

  @Test
  void twoPaysForOneOrderFail() {
    List<OrderBook> orders = balancedOrders();
    orders.set(0, new OrderBook(1, Timing.PROMPT, 1, 11L, 1, 199, "co_1", 2));

    assertThat(failed(PaymentsChaos.check(orders, balancedLedger())))
        .containsKey("one pay per order");
  }

  @Test
  void notSettledWhileAnOrderAwaitsPaymentOrACapturesCallbackHasNotArrived() {
    List<OrderBook> waiting = balancedOrders();
    waiting.set(3, new OrderBook(4, Timing.NEVER, 0, 14L, 0, 199, "co_4", 1));
    assertThat(PaymentsChaos.settled(waiting, balancedLedger())).isFalse();

    List<OrderBook> callbackPending = balancedOrders();
    callbackPending.set(2, new OrderBook(3, Timing.AFTER_CANCEL, 9, 13L, 2, 199, "co_3", 1));
    assertThat(PaymentsChaos.settled(callbackPending, balancedLedger())).isFalse();
  }

  /**
   * Paid; late and refunded; paid after the cancellation and refunded; never paid; two payments
   * whose callbacks were dropped, found by asking the provider and paid.
   */
  private static List<OrderBook> balancedOrders() {
    return new ArrayList<>(
        List.of(
            new OrderBook(1, Timing.PROMPT, 1, 11L, 1, 199, "co_1", 1),
            new OrderBook(2, Timing.LATE, 9, 12L, 4, 199, "co_2", 1),
            new OrderBook(3, Timing.AFTER_CANCEL, 9, 13L, 4, 199, "co_3", 1),
            new OrderBook(4, Timing.NEVER, 9, 14L, 2, 199, "co_4", 1),
            new OrderBook(5, Timing.DROPPED, 1, 15L, 1, 199, "co_5", 1),
            new OrderBook(6, Timing.DROPPED_LATE, 1, 16L, 1, 199, "co_6", 1)));
  }

  private static List<LedgerEntry> balancedLedger() {
    return List.of(
        new LedgerEntry("capture", "co_1", 199),
        new LedgerEntry("capture", "co_2", 199),
        new LedgerEntry("capture", "co_3", 199),
        new LedgerEntry("capture", "co_5", 199),
        new LedgerEntry("capture", "co_6", 199),
        new LedgerEntry("refund", "co_2", 199),
        new LedgerEntry("refund", "co_3", 199));
  }

  private static boolean isRefundOf(LedgerEntry entry, String checkout) {
    return entry.kind().equals("refund") && entry.checkout().equals(checkout);
  }

  private static Map<String, Books.Check> failed(List<Books.Check> checks) {
    return checks.stream()
        .filter(check -> !check.ok())
        .collect(Collectors.toMap(Books.Check::name, Function.identity()));
  }
}
