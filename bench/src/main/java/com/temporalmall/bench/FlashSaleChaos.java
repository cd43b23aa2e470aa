package com.temporalmall.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
   * kill -9 {@code victim} {@code at} after the sale's first order, start it again after {@code
   * downFor}.
   */
  record Kill(String victim, Duration at, Duration downFor) {}

  private FlashSaleChaos() {}

  /**
   * Each victim killed once, in an order drawn from {@code random}: the first 0.5-3 s after the
   * sale's first order, while the burst is still in flight (a sale of 1,000 on stock 100 takes
   * about 6 s on two cores without faults), each next one 0.5-3 s after the one before - by then
   * the first kill has stretched the sale by at least a restart - and each started again 2-5 s
   * after its kill. The same seed gives the same plan.
   */
  static List<Kill> plan(Random random, List<String> victims) {
    // The first draws of Randoms seeded with nearby numbers (CHAOS_SEED=1, 2, 3...) hardly differ:
    // shuffled with them, the API came first for every seed from 0 to 49. A Random seeded with
    // their first long spreads them.
    Random draws = new Random(random.nextLong());
    List<String> order = new ArrayList<>(victims);
    Collections.shuffle(order, draws);
    List<Kill> plan = new ArrayList<>();
    long at = 0;
    for (String victim : order) {
      at += 500 + draws.nextInt(2500);
      plan.add(
          new Kill(victim, Duration.ofMillis(at), Duration.ofMillis(2000L + draws.nextInt(3000))));
    }
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
