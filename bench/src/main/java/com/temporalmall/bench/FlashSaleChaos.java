package com.temporalmall.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The pure parts of the chaos suite's {@code flash-sale} scenario: when to kill which process, and
 * which final answers a sale may end with.
 */
final class FlashSaleChaos {
  /**
   * kill -9 {@code victim} once the sale has sold {@code whenSold} items (or at once, if it had
   * sold that many already), start it again {@code downFor} later.
   */
  record Kill(String victim, int whenSold, Duration downFor) {}

  private FlashSaleChaos() {}

  /**
   * Each victim killed once, at a moment of the sale drawn from {@code random}: when the stock sold
   * first reaches a number from 1 to {@code stock} - from the first item sold, when all the buyers
   * are still in flight, to the sold-out moment, when the rest are being turned away - and started
   * again 2-5 s after its kill. Sorted by that moment; the same seed gives the same plan. A moment
   * of progress rather than of the clock, so that every kill falls inside the sale however long the
   * earlier kill stretched it.
   */
  static List<Kill> plan(Random random, List<String> victims, int stock) {
    // The first draws of Randoms seeded with nearby numbers (CHAOS_SEED=1, 2, 3...) hardly differ
    // (one bit of each was the same for every seed from 0 to 49); a Random seeded with their first
    // long spreads them.
    Random draws = new Random(random.nextLong());
    List<Kill> plan = new ArrayList<>();
    for (String victim : victims) {
      plan.add(
          new Kill(
              victim, 1 + draws.nextInt(stock), Duration.ofMillis(2000L + draws.nextInt(3000))));
    }
    plan.sort(Comparator.comparingInt(Kill::whenSold));
    return List.copyOf(plan);
  }

  /**
   * An answer a flash sale may end with: 200 (placed), 409 {@code insufficient-stock} (turned away
   * by the gate, or lost in the saga to an item sold meanwhile), or the 503 {@code
   * order-compensated} of a saga that gave up (its steps' two-minute budget ran out).
   */
  static boolean saleAnswer(CarefulClient.Order order) {
    return order.finalAnswer()
        && (order.status() == 200
            || (order.status() == 409 && "insufficient-stock".equals(order.problem()))
            || (order.status() == 503 && "order-compensated".equals(order.problem())));
  }

  /** The answers no sale may end with, counted by status and problem type. */
  static Map<String, Integer> unexpected(List<CarefulClient.Order> orders) {
    Map<String, Integer> unexpected = new TreeMap<>();
    for (CarefulClient.Order order : orders) {
      if (!saleAnswer(order)) {
        String answer =
            !order.finalAnswer()
                ? "no final answer"
                : order.status() + (order.problem() == null ? "" : " " + order.problem());
        unexpected.merge(answer, 1, Integer::sum);
      }
    }
    return unexpected;
  }
}
