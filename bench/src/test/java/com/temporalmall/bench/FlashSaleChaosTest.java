package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FlashSaleChaosTest {
  private static final List<String> VICTIMS = List.of("api", "product-worker");

  @Test
  void everyVictimIsKilledOnceEarlyInTheSaleAndBackTwoToFiveSecondsLater() {
    for (long seed = 0; seed < 500; seed++) {
      List<FlashSaleChaos.Kill> plan = FlashSaleChaos.plan(new Random(seed), VICTIMS);

      assertThat(plan)
          .extracting(FlashSaleChaos.Kill::victim)
          .containsExactlyInAnyOrderElementsOf(VICTIMS);
      Duration previous = Duration.ZERO;
      for (FlashSaleChaos.Kill kill : plan) {
        assertThat(kill.at().minus(previous))
            .isBetween(Duration.ofMillis(500), Duration.ofMillis(3000));
        assertThat(kill.downFor()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(5));
        previous = kill.at();
      }
    }
  }

  @Test
  void theSeedRepeatsThePlanAndOtherSeedsVaryIt() {
    assertThat(FlashSaleChaos.plan(new Random(42), VICTIMS))
        .isEqualTo(FlashSaleChaos.plan(new Random(42), VICTIMS));
    assertThat(
            java.util.stream.LongStream.range(0, 50)
                .mapToObj(
                    seed -> FlashSaleChaos.plan(new Random(seed), VICTIMS).getFirst().victim())
                .distinct())
        .as("either may be killed first")
        .containsExactlyInAnyOrderElementsOf(VICTIMS);
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
            java.util.Map.entry("400 invalid-request", 1),
            java.util.Map.entry("404 not-found", 1),
            java.util.Map.entry("409 conflict", 1),
            java.util.Map.entry("no final answer", 1));
  }

  private static CarefulClient.Order order(int status, String problem, boolean isFinal) {
    return new CarefulClient.Order(
        "k", status, problem, status == 200 ? 1L : null, List.of(), isFinal, 0.1, 0.1);
  }
}
