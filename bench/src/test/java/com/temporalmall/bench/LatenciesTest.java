package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  @Test
  void nearestRankPercentilesInMilliseconds() {
    Latencies latencies = new Latencies();
    for (int ms = 100; ms >= 1; ms--) {
      latencies.record(ms * 1_000_000L);
    }
    Map<String, Number> summary = latencies.summary();
    assertThat(summary.get("count")).isEqualTo(100);
    assertThat(summary.get("p50Ms")).isEqualTo(50.0);
    assertThat(summary.get("p90Ms")).isEqualTo(90.0);
    assertThat(summary.get("p99Ms")).isEqualTo(99.0);
    assertThat(summary.get("maxMs")).isEqualTo(100.0);
    assertThat(summary.get("meanMs")).isEqualTo(50.5);
  }

  @Test
  void oneSampleIsEveryPercentileAndNoneIsJustACount() {
    assertThat(Latencies.percentile(new long[] {7}, 1)).isEqualTo(7);
    assertThat(Latencies.percentile(new long[] {7}, 99)).isEqualTo(7);
    assertThat(new Latencies().summary()).containsOnlyKeys("count");
  }
}
