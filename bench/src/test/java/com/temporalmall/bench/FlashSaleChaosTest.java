package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FlashSaleChaosTest {
  private static final List<String> VICTIMS = List.of("api", "product-worker");

  @Test
  void everyVictimIsKilledOnceInTheSaleAndBackTwoToFiveSecondsLater() {
    for (long seed = 0; seed < 500; seed++) {
      List<FlashSaleChaos.Kill> plan = FlashSaleChaos.plan(new Random(seed), VICTIMS, 100);

      assertThat(plan)
          .extracting(FlashSaleChaos.Kill::victim)
          .containsExactlyInAnyOrderElementsOf(VICTIMS);
      assertThat(plan)
          .isSortedAccordingTo(java.util.Comparator.comparingInt(FlashSaleChaos.Kill::whenSold));
      for (FlashSaleChaos.Kill kill : plan) {
        assertThat(kill.whenSold()).isBetween(1, 100);
        assertThat(kill.downFor()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
      }
    }
  }

  @Test
  void theSeedRepeatsThePlanAndNearbySeedsVaryIt() {
    assertThat(FlashSaleChaos.plan(new Random(42), VICTIMS, 100))
        .isEqualTo(FlashSaleChaos.plan(new Random(42), VICTIMS, 100));
    List<List<FlashSaleChaos.Kill>> plans =
        LongStream.range(1, 51)
            .mapToObj(seed -> FlashSaleChaos.plan(new Random(seed), VICTIMS, 100))
            .toList();
    assertThat(plans.stream().map(plan -> plan.getFirst().victim()).distinct())
        .as("either may be killed first, for CHAOS_SEED=1..50 too")
        .containsExactlyInAnyOrderElementsOf(VICTIMS);
    assertThat(plans.stream().flatMap(List::stream).mapToInt(FlashSaleChaos.Kill::whenSold))
        .as("from the first items sold to the sold-out moment")
        .anyMatch(sold -> sold <= 10)
        .anyMatch(sold -> sold > 90);
  }

  @Test
  void aSaleEndsWith200Or409InsufficientStockOrACompensatedSaga() {
    List<CarefulClient.Order> answers =
        List.of(
            order(200, null, true),
            order(409, "insufficient-stock", true),
            order(503, "order-compensated", true),
            order(409, "conflict", true),
            order(404, "not-found", true),
            order(504, "timed-out", false),
            order(400, "invalid-request", true),
            order(409, "insufficient-stock", true));

    assertThat(answers.stream().filter(FlashSaleChaos::saleAnswer).count()).isEqualTo(4);
    assertThat(FlashSaleChaos.unexpected(answers))
        .containsExactly(
            Map.entry("400 invalid-request", 1),
            Map.entry("404 not-found", 1),
            Map.entry("409 conflict", 1),
            Map.entry("no final answer", 1));
  }

  private static CarefulClient.Order order(int status, String problem, boolean isFinal) {
    return new CarefulClient.Order(
        "k", status, problem, status == 200 ? 1L : null, List.of(), isFinal, 0.1, 0.1);
  }
}
