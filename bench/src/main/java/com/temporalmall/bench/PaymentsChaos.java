package com.temporalmall.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The pure parts of the chaos suite's {@code payments} scenario: when each buyer pays at the
 * sandbox provider, when the pay and order workers are killed, when the books have settled and what
 * they must say then.
 */
final class PaymentsChaos {
  /**
   * When the buyer pays the checkout at the provider, relative to the order's payment timeout. The
   * provider delivers every callback {@code delay} late and more than once.
   *
   * <p>Extension point: a {@code DROPPED} timing (captured, its callback never delivered) comes
   * with the provider back-query (branch pay-query): only asking the provider finds such a payment,
   * so before it the order is cancelled with the money kept and the books cannot balance.
   */
  enum Timing {
    /** Paid 1-4 s after the order's 200: the delayed callback still comes before the timeout. */
    PROMPT,
    /**
     * Paid before the timeout, but so late that the delayed callback comes after it: the timer
     * cancels the order, and the capture must be refunded.
     */
    LATE,
    /** Paid once the order is seen cancelled (status 9): the capture must be refunded. */
    AFTER_CANCEL,
    /** Never paid: cancelled by the timer, nothing captured, nothing refunded. */
    NEVER
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

  static final int ORDER_PAID = 1;
  static final int ORDER_CANCELLED = 9;
  static final int PAY_PAID = 1;
  static final int PAY_CLOSED = 2;
  static final int PAY_REFUND_DUE = 3;
  static final int PAY_REFUNDED = 4;

  private PaymentsChaos() {}

  /**
   * {@code orders} payments: 40 % PROMPT, 20 % LATE, 20 % AFTER_CANCEL, the rest NEVER, in an order
   * drawn from {@code random}. LATE pays between {@code timeout - delay + 2 s} and {@code timeout -
   * delay + 4 s} after the 200 - still before the timeout, the callback {@code delay} later 2-4 s
   * after it; AFTER_CANCEL 0-3 s after the cancellation is seen.
   */
  static List<Payment> plan(Random random, int orders, Duration timeout, Duration delay) {
    if (timeout.compareTo(delay.plusSeconds(8)) < 0) {
      throw new IllegalArgumentException(
          "the payment timeout " + timeout + " must exceed the callback delay " + delay + " + 8 s");
    }
    Random draws = new Random(random.nextLong());
    List<Timing> timings = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      int percent = i * 100 / orders;
      timings.add(
          percent < 40
              ? Timing.PROMPT
              : percent < 60 ? Timing.LATE : percent < 80 ? Timing.AFTER_CANCEL : Timing.NEVER);
    }
    Collections.shuffle(timings, draws);
    Duration lateFrom = timeout.minus(delay).plusSeconds(2);
    List<Payment> plan = new ArrayList<>();
    for (int i = 0; i < orders; i++) {
      Timing timing = timings.get(i);
      Duration payAfter =
          switch (timing) {
            case PROMPT -> Duration.ofMillis(1000L + draws.nextInt(3000));
            case LATE -> lateFrom.plusMillis(draws.nextInt(2000));
            case AFTER_CANCEL -> Duration.ofMillis(draws.nextInt(3000));
            case NEVER -> null;
          };
      plan.add(new Payment(i, timing, payAfter));
    }
    return List.copyOf(plan);
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
   * checkout's pay paid or refunded (its callback has arrived).
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
      if (captured.contains(order.checkout()) && order.payStatus() == PAY_CLOSED) {
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
