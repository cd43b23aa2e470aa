package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.temporalmall.bench.PaymentsChaos.LedgerEntry;
import com.temporalmall.bench.PaymentsChaos.OrderBook;
import com.temporalmall.bench.PaymentsChaos.Timing;
import java.time.Duration;
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
  private static final List<String> VICTIMS = List.of("pay-worker", "order-worker");

  @Test
  void thePlanMixesEveryTimingAndLatePaymentsAreCapturedBeforeTheTimeoutCalledBackAfterIt() {
    for (long seed = 0; seed < 200; seed++) {
      List<PaymentsChaos.Payment> plan = PaymentsChaos.plan(new Random(seed), 40, TIMEOUT, DELAY);

      assertThat(plan)
          .extracting(PaymentsChaos.Payment::index)
          .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 40).boxed().toList());
      assertThat(
              plan.stream()
                  .collect(
                      Collectors.groupingBy(PaymentsChaos.Payment::timing, Collectors.counting())))
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  Timing.PROMPT, 16L, Timing.LATE, 8L, Timing.AFTER_CANCEL, 8L, Timing.NEVER, 8L));
      for (PaymentsChaos.Payment payment : plan) {
        switch (payment.timing()) {
          case PROMPT ->
              assertThat(payment.payAfter().plus(DELAY))
                  .as("its callback comes well before the timeout")
                  .isBetween(DELAY.plusSeconds(1), TIMEOUT.minusSeconds(8));
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
    assertThat(PaymentsChaos.plan(new Random(42), 40, TIMEOUT, DELAY))
        .isEqualTo(PaymentsChaos.plan(new Random(42), 40, TIMEOUT, DELAY));
    assertThat(PaymentsChaos.kills(new Random(42), VICTIMS, 2))
        .isEqualTo(PaymentsChaos.kills(new Random(42), VICTIMS, 2));
    assertThat(
            java.util.stream.LongStream.range(1, 21)
                .mapToObj(
                    seed -> PaymentsChaos.plan(new Random(seed), 40, TIMEOUT, DELAY).getFirst())
                .map(PaymentsChaos.Payment::timing)
                .distinct())
        .as("CHAOS_SEED=1..20 start with different timings")
        .hasSizeGreaterThan(1);
  }

  @Test
  void aTimeoutTooShortForLatePaymentsIsRefused() {
    assertThatThrownBy(
            () ->
                PaymentsChaos.plan(
                    new Random(1), 10, Duration.ofSeconds(10), Duration.ofSeconds(8)))
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

  /** Paid; late and refunded; paid after the cancellation and refunded; never paid. */
  private static List<OrderBook> balancedOrders() {
    return new ArrayList<>(
        List.of(
            new OrderBook(1, Timing.PROMPT, 1, 11L, 1, 199, "co_1", 1),
            new OrderBook(2, Timing.LATE, 9, 12L, 4, 199, "co_2", 1),
            new OrderBook(3, Timing.AFTER_CANCEL, 9, 13L, 4, 199, "co_3", 1),
            new OrderBook(4, Timing.NEVER, 9, 14L, 2, 199, "co_4", 1)));
  }

  private static List<LedgerEntry> balancedLedger() {
    return List.of(
        new LedgerEntry("capture", "co_1", 199),
        new LedgerEntry("capture", "co_2", 199),
        new LedgerEntry("capture", "co_3", 199),
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
