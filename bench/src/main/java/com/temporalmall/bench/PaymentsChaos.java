package com.temporalmall.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The pure parts of the chaos suite's {@code payments} scenario: when each buyer pays at the
 * sandbox provider, when the pay and order workers are killed, when the books have settled and what
 * they must say then.
 */
final class PaymentsChaos {
  /**
   * When the buyer pays the checkout at the provider, relative to the order's payment timeout and
   * provider query delay (when an unpaid order first asks the provider about its pay; it asks again
   * when the timer fires). The provider delivers every callback {@code delay} late and more than
   * once - but for the DROPPED timings, whose callbacks it never delivers.
   */
  enum Timing {
    /** Paid 1-3 s after the order's 200: the delayed callback comes before the query delay. */
    PROMPT,
    /**
     * Paid 1-4 s after the 200 with every callback dropped: the order learns of it only by asking
     * the provider, after the query delay, and must end paid.
     */
    DROPPED,
    /**
     * Paid 1-2 s after the query delay, so before the timeout, every callback dropped: the order's
     * query at the timer must find it, and the order end paid.
     */
    DROPPED_LATE,
    /**
     * Paid before the timeout, but so late that the delayed callback comes after it: the query at
     * the timer finds the capture and the order ends paid, or (the pay worker too long down to
     * answer it) the timer cancels the order and the late callback's capture is refunded.
     */
    LATE,
    /** Paid once the order is seen cancelled (status 9): the capture must be refunded. */
    AFTER_CANCEL,
    /** Never paid: cancelled by the timer, nothing captured, nothing refunded. */
    NEVER;

    /** Whether the provider drops this payment's callbacks. */
    boolean dropsCallbacks() {
      return this == DROPPED || this == DROPPED_LATE;
    }
  }

  /** Order {@code index}'s payment: its timing and, but for NEVER, how long to wait to pay. */
  record Payment(int index, Timing timing, Duration payAfter) {}

  /**
   * kill -9 {@code victim} {@code after} the scenario's start (the first kill) or after it was
   * ready again (the next ones); start it again {@code downFor} later.
   */
  record Kill(String victim, Duration after, Duration downFor) {}

  /** One order of the scenario as the mall's books hold it once settled. */
  record OrderBook(
      long orderId,
      Timing timing,
      int orderStatus,
      Long payId,
      Integer payStatus,
      long payAmount,
      String checkout,
      int pays) {}

  /** A line of the provider's ledger ({@code GET /sandbox/v1/ledger}). */
  record LedgerEntry(String kind, String checkout, long amount) {
    static final String CAPTURE = "capture";
    static final String REFUND = "refund";
  }

  /**
   * How long before the payment timer can first fire (counted from the saga's start) a payment
   * whose callbacks are dropped is made at the latest.
   */
  static final Duration DROP_MARGIN = Duration.ofSeconds(3);

  static final int ORDER_PAID = 1;
  static final int ORDER_CANCELLED = 9;
  static final int PAY_PAID = 1;
  static final int PAY_CLOSED = 2;
  static final int PAY_REFUND_DUE = 3;
  static final int PAY_REFUNDED = 4;

  private PaymentsChaos() {}

  /**
   * {@code orders} payments: 30 % PROMPT, 15 % DROPPED, 10 % DROPPED_LATE, 15 % LATE, 15 %
   * AFTER_CANCEL, the rest NEVER, in an order drawn from {@code random}. PROMPT pays 1 s to {@code
   * queryDelay - delay - 1 s} after the 200, its callback at least 1 s before the query; DROPPED
   * 1-4 s after it; DROPPED_LATE 1-2 s after {@code queryDelay}, at least 6 s before the timeout;
   * LATE between {@code timeout - delay + 2 s} and {@code timeout - delay + 4 s} - still before the
   * timeout, the callback {@code delay} later 2-4 s after it; AFTER_CANCEL 0-3 s after the
   * cancellation is seen.
   */
  static List<Payment> plan(
      Random random, int orders, Duration timeout, Duration delay, Duration queryDelay) {
    if (timeout.compareTo(delay.plusSeconds(8)) < 0) {
      throw new IllegalArgumentException(
          "the payment timeout " + timeout + " must exceed the callback delay " + delay + " + 8 s");
    }
    if (queryDelay.compareTo(delay.plusSeconds(4)) < 0
        || timeout.compareTo(queryDelay.plusSeconds(8)) < 0) {
      throw new IllegalArgumentException(
          "the query delay "
              + queryDelay
              + " must be at least the callback delay "
              + delay
              + " + 4 s and at most the payment timeout "
              + timeout
              + " - 8 s");
    }
    Random draws = new Random(random.nextLong());
    List<Timing> timings = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      int percent = i * 100 / orders;
      timings.add(
          percent < 30
              ? Timing.PROMPT
              : percent < 45
                  ? Timing.DROPPED
                  : percent < 55
                      ? Timing.DROPPED_LATE
                      : percent < 70
                          ? Timing.LATE
                          : percent < 85 ? Timing.AFTER_CANCEL : Timing.NEVER);
    }
    Collections.shuffle(timings, draws);
    long promptSpread = queryDelay.minus(delay).minusSeconds(2).toMillis();
    Duration lateFrom = timeout.minus(delay).plusSeconds(2);
    List<Payment> plan = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      Timing timing = timings.get(i);
      Duration payAfter =
          switch (timing) {
            case PROMPT -> Duration.ofMillis(1000L + draws.nextLong(promptSpread));
            case DROPPED -> Duration.ofMillis(1000L + draws.nextInt(3000));
            case DROPPED_LATE -> queryDelay.plusMillis(1000L + draws.nextInt(1000));
            case LATE -> lateFrom.plusMillis(draws.nextInt(2000));
            case AFTER_CANCEL -> Duration.ofMillis(draws.nextInt(3000));
            case NEVER -> null;
          };
      plan.add(new Payment(i, timing, payAfter));
    }
    return List.copyOf(plan);
  }

  /**
   * When a buyer whose callbacks are dropped pays: as planned, {@code payAfter} after {@code
   * placed} (its order's 200), but no later than {@link #DROP_MARGIN} before the payment timer can
   * have fired - {@code timeout} after {@code sagaStart}, which is before the timer started - or
   * empty when that is already past at {@code now} (pay/create answered late, a worker down): a
   * capture made after the cancellation whose callbacks are lost is one the mall never learns of
   * (closing a pay does not expire the provider's checkout), not what the scenario tests.
   */
  static Optional<Instant> droppedPayAt(
      Instant placed, Duration payAfter, Instant sagaStart, Duration timeout, Instant now) {
    Instant latest = sagaStart.plus(timeout).minus(DROP_MARGIN);
    if (now.isAfter(latest)) {
      return Optional.empty();
    }
    Instant planned = placed.plus(payAfter);
    return Optional.of(planned.isAfter(latest) ? latest : planned);
  }

  /**
   * {@code times} kills of each victim: the first 3-10 s into the scenario, each next one 1-5 s
   * after the victim was ready again; each down 2-5 s before it is started again. A victim's kills
   * in order; the same seed gives the same plan.
   */
  static List<Kill> kills(Random random, List<String> victims, int times) {
    Random draws = new Random(random.nextLong());
    List<Kill> plan = new ArrayList<>();
    for (String victim : victims) {
      for (int i = 0; i < times; i++) {
        Duration after =
            i == 0
                ? Duration.ofMillis(3000L + draws.nextInt(7000))
                : Duration.ofMillis(1000L + draws.nextInt(4000));
        plan.add(new Kill(victim, after, Duration.ofMillis(2000L + draws.nextInt(3000))));
      }
    }
    return List.copyOf(plan);
  }

  /**
   * Settled: every order paid or cancelled, no pay left unpaid or refund due, and every captured
   * checkout's pay paid or refunded (its callback has arrived) - but for a dropped callback's,
   * which never arrives: a capture the mall did not find by asking stays as it is.
   */
  static boolean settled(List<OrderBook> orders, List<LedgerEntry> ledger) {
    Set<String> captured = checkouts(ledger, LedgerEntry.CAPTURE).keySet();
    for (OrderBook order : orders) {
      boolean orderFinal =
          order.orderStatus() == ORDER_PAID || order.orderStatus() == ORDER_CANCELLED;
      boolean payFinal =
          order.payStatus() != null
              && (order.payStatus() == PAY_PAID
                  || order.payStatus() == PAY_CLOSED
                  || order.payStatus() == PAY_REFUNDED);
      if (!orderFinal || !payFinal) {
        return false;
      }
      if (captured.contains(order.checkout())
          && order.payStatus() == PAY_CLOSED
          && !order.timing().dropsCallbacks()) {
        return false;
      }
    }
    return true;
  }

  /** The books' checks over the scenario's orders and the provider's ledger. */
  static List<Books.Check> check(List<OrderBook> orders, List<LedgerEntry> ledger) {
    Map<String, Long> captures = checkouts(ledger, LedgerEntry.CAPTURE);
    Map<String, List<Long>> refunds = new HashMap<>();
    for (LedgerEntry entry : ledger) {
      if (LedgerEntry.REFUND.equals(entry.kind())) {
        refunds.computeIfAbsent(entry.checkout(), _ -> new ArrayList<>()).add(entry.amount());
      }
    }
    List<Books.Check> checks = new ArrayList<>();

    List<Long> notOnePay =
        orders.stream().filter(order -> order.pays() != 1).map(OrderBook::orderId).toList();
    checks.add(
        new Books.Check(
            "one pay per order",
            notOnePay.isEmpty(),
            notOnePay.isEmpty()
                ? orders.size() + " orders, " + orders.size() + " pays"
                : "orders without exactly one pay: " + notOnePay));

    List<String> wrong = new ArrayList<>();
    int paid = 0;
    int refunded = 0;
    for (OrderBook order : orders) {
      Long captured = order.checkout() == null ? null : captures.get(order.checkout());
      List<Long> itsRefunds = refunds.getOrDefault(order.checkout(), List.of());
      if (captured == null) {
        continue;
      }
      boolean isPaid =
          order.orderStatus() == ORDER_PAID
              && Integer.valueOf(PAY_PAID).equals(order.payStatus())
              && itsRefunds.isEmpty()
              && captured == order.payAmount();
      boolean isRefunded =
          order.orderStatus() == ORDER_CANCELLED
              && Integer.valueOf(PAY_REFUNDED).equals(order.payStatus())
              && itsRefunds.size() == 1
              && itsRefunds.getFirst().longValue() == captured
              && captured == order.payAmount();
      paid += isPaid ? 1 : 0;
      refunded += isRefunded ? 1 : 0;
      if (!isPaid && !isRefunded) {
        wrong.add(describe(order, captured, itsRefunds));
      }
    }
    checks.add(
        new Books.Check(
            "every capture: order and pay paid (1/1), or order cancelled, pay refunded (9/4) and"
                + " exactly one refund of the captured amount",
            wrong.isEmpty(),
            paid
                + " paid, "
                + refunded
                + " refunded"
                + (wrong.isEmpty() ? "" : "; wrong " + wrong)));

    List<Long> paidUncaptured =
        orders.stream()
            .filter(
                order ->
                    (order.orderStatus() == ORDER_PAID
                            || Integer.valueOf(PAY_PAID).equals(order.payStatus())
                            || Integer.valueOf(PAY_REFUNDED).equals(order.payStatus()))
                        && !captures.containsKey(order.checkout()))
            .map(OrderBook::orderId)
            .toList();
    checks.add(
        new Books.Check(
            "nothing paid or refunded in the mall without a capture at the provider",
            paidUncaptured.isEmpty(),
            paidUncaptured.isEmpty() ? "none" : "orders " + paidUncaptured));

    List<String> refundedUncaptured =
        refunds.keySet().stream().filter(checkout -> !captures.containsKey(checkout)).toList();
    checks.add(
        new Books.Check(
            "no refund without a capture",
            refundedUncaptured.isEmpty(),
            refundedUncaptured.isEmpty() ? "none" : "checkouts " + refundedUncaptured));

    List<String> lateKept = new ArrayList<>();
    for (OrderBook order : orders) {
      if (order.timing() == Timing.AFTER_CANCEL
          && (order.orderStatus() != ORDER_CANCELLED
              || !Integer.valueOf(PAY_REFUNDED).equals(order.payStatus()))) {
        lateKept.add(
            order.orderId() + ": order " + order.orderStatus() + ", pay " + order.payStatus());
      }
    }
    checks.add(
        new Books.Check(
            "every checkout paid after its order was cancelled is refunded",
            lateKept.isEmpty(),
            lateKept.isEmpty() ? "all" : lateKept.toString()));

    List<String> lost = new ArrayList<>();
    int found = 0;
    for (OrderBook order : orders) {
      if (!order.timing().dropsCallbacks()) {
        continue;
      }
      boolean paidWithItsCapture =
          order.orderStatus() == ORDER_PAID
              && Integer.valueOf(PAY_PAID).equals(order.payStatus())
              && Long.valueOf(order.payAmount()).equals(captures.get(order.checkout()))
              && !refunds.containsKey(order.checkout());
      if (paidWithItsCapture) {
        found++;
      } else {
        lost.add(
            order.orderId()
                + " ("
                + order.timing()
                + "): order "
                + order.orderStatus()
                + ", pay "
                + order.payStatus()
                + ", captured "
                + captures.get(order.checkout()));
      }
    }
    checks.add(
        new Books.Check(
            "every payment whose callbacks were all dropped is found by asking the provider: order"
                + " and pay paid (1/1) with its capture",
            lost.isEmpty() && found > 0,
            lost.isEmpty() ? found + " found" : "not found " + lost));

    List<String> unpaid = new ArrayList<>();
    for (OrderBook order : orders) {
      if (order.timing() == Timing.NEVER
          && (order.orderStatus() != ORDER_CANCELLED
              || !Integer.valueOf(PAY_CLOSED).equals(order.payStatus())
              || captures.containsKey(order.checkout()))) {
        unpaid.add(
            order.orderId() + ": order " + order.orderStatus() + ", pay " + order.payStatus());
      }
    }
    checks.add(
        new Books.Check(
            "every order never paid is cancelled by the timer, its pay closed (9/2)",
            unpaid.isEmpty(),
            unpaid.isEmpty() ? "all" : unpaid.toString()));

    long capturedSum = 0;
    long refundedSum = 0;
    long paidSum = 0;
    for (OrderBook order : orders) {
      capturedSum += captures.getOrDefault(order.checkout(), 0L);
      refundedSum +=
          refunds.getOrDefault(order.checkout(), List.of()).stream()
              .mapToLong(Long::longValue)
              .sum();
      paidSum += order.orderStatus() == ORDER_PAID ? order.payAmount() : 0;
    }
    checks.add(
        new Books.Check(
            "ledger: captures - refunds = the paid orders' amounts",
            capturedSum - refundedSum == paidSum,
            capturedSum
                + " - "
                + refundedSum
                + " = "
                + (capturedSum - refundedSum)
                + ", paid "
                + paidSum));

    checks.add(
        new Books.Check(
            "both outcomes happened: some orders paid, some captures refunded",
            paid > 0 && refunded > 0,
            paid + " paid, " + refunded + " refunded"));
    return checks;
  }

  /**
   * The dropped callbacks really were: each DROPPED checkout's delivery attempts as the provider
   * reports them ({@code GET /sandbox/v1/checkouts/{id}}), all of which must be 0.
   */
  static Books.Check neverDelivered(Map<String, Integer> attemptsByCheckout) {
    Map<String, Integer> attempted = new java.util.TreeMap<>();
    attemptsByCheckout.forEach(
        (checkout, attempts) -> {
          if (attempts != 0) {
            attempted.put(checkout, attempts);
          }
        });
    return new Books.Check(
        "the dropped payments' callbacks were never sent (0 delivery attempts at the provider)",
        attempted.isEmpty(),
        attempted.isEmpty()
            ? attemptsByCheckout.size() + " checkouts, none attempted"
            : "attempted " + attempted);
  }

  /** Per timing, how the orders ended: "paid", "refunded", "cancelled" (nothing captured)... */
  static Map<Timing, Map<String, Integer>> outcomes(List<OrderBook> orders) {
    Map<Timing, Map<String, Integer>> outcomes = new EnumMap<>(Timing.class);
    for (OrderBook order : orders) {
      String outcome =
          order.orderStatus() == ORDER_PAID
              ? "paid"
              : Integer.valueOf(PAY_REFUNDED).equals(order.payStatus())
                  ? "refunded"
                  : Integer.valueOf(PAY_CLOSED).equals(order.payStatus())
                      ? "cancelled"
                      : "order " + order.orderStatus() + " pay " + order.payStatus();
      outcomes
          .computeIfAbsent(order.timing(), _ -> new java.util.TreeMap<>())
          .merge(outcome, 1, Integer::sum);
    }
    return outcomes;
  }

  private static String describe(OrderBook order, long captured, List<Long> refunds) {
    return "order "
        + order.orderId()
        + " ("
        + order.timing()
        + "): status "
        + order.orderStatus()
        + ", pay "
        + order.payStatus()
        + " of "
        + order.payAmount()
        + ", captured "
        + captured
        + ", refunds "
        + refunds;
  }

  /** The amount of each checkout with an entry of {@code kind} (captures: one per checkout). */
  private static Map<String, Long> checkouts(List<LedgerEntry> ledger, String kind) {
    Map<String, Long> amounts = new HashMap<>();
    for (LedgerEntry entry : ledger) {
      if (kind.equals(entry.kind())) {
        amounts.merge(entry.checkout(), entry.amount(), Long::sum);
      }
    }
    return amounts;
  }
}
