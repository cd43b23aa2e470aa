package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ProcessPausesTest {
  @Test
  void fivePausesOfTwentySecondsEndWithinTheFirst165SecondsAndBeforeTheLoadEnds() {
    for (long seed = 0; seed < 500; seed++) {
      List<ProcessPauses.Pause> plan = ProcessPauses.plan(new Random(seed), ProcessPauses.MALL);

      assertThat(plan)
          .extracting(ProcessPauses.Pause::victim)
          .containsExactlyElementsOf(ProcessPauses.MALL);
      assertThat(plan.getFirst().at()).isBetween(Duration.ofSeconds(10), Duration.ofSeconds(15));
      for (int i = 0; i < plan.size(); i++) {
        ProcessPauses.Pause pause = plan.get(i);
        assertThat(pause.length()).isEqualTo(Duration.ofSeconds(20));
        if (i > 0) {
          ProcessPauses.Pause previous = plan.get(i - 1);
          assertThat(pause.at().minus(previous.at().plus(previous.length())))
              .as("the gap after the previous pause")
              .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(12));
        }
      }
      ProcessPauses.Pause last = plan.getLast();
      assertThat(last.at().plus(last.length()))
          .isLessThanOrEqualTo(Duration.ofSeconds(165))
          .isLessThan(ProcessPauses.LOAD.minusSeconds(10));
    }
  }

  @Test
  void theSeedRepeatsThePlanAndNearbySeedsVaryIt() {
    List<String> db = Collections.nCopies(ProcessPauses.PAUSES, "MariaDB");
    assertThat(ProcessPauses.plan(new Random(42), db))
        .isEqualTo(ProcessPauses.plan(new Random(42), db));
    assertThat(
            LongStream.range(1, 21)
                .mapToObj(seed -> ProcessPauses.plan(new Random(seed), db).getFirst().at())
                .distinct()
                .count())
        .as("CHAOS_SEED=1..20 give different first pauses")
        .isGreaterThan(15);
  }
}
