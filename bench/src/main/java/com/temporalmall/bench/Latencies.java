package com.temporalmall.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples of one load point (thread-safe), and their percentiles in milliseconds. */
final class Latencies {
  private long[] nanos = new long[1024];
  private int size;

  synchronized void record(long elapsedNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = elapsedNanos;
  }

  synchronized int count() {
    return size;
  }

  /**
   * count, mean, p50, p90, p99 and max in milliseconds (nearest-rank percentiles); count 0 alone
   * when empty.
   */
  synchronized Map<String, Number> summary() {
    Map<String, Number> summary = new LinkedHashMap<>();
    summary.put("count", size);
    if (size == 0) {
      return summary;
    }
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    summary.put("meanMs", millis(Arrays.stream(sorted).average().orElse(0)));
    summary.put("p50Ms", millis((double) percentile(sorted, 50)));
    summary.put("p90Ms", millis((double) percentile(sorted, 90)));
    summary.put("p99Ms", millis((double) percentile(sorted, 99)));
    summary.put("maxMs", millis((double) sorted[size - 1]));
    return summary;
  }

  /** Nearest rank: the smallest sample with at least p percent of the samples at or below it. */
  static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  private static double millis(double nanos) {
    return Math.round(nanos / 10_000.0) / 100.0;
  }
}
