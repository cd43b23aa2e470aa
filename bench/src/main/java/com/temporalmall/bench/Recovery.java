package com.temporalmall.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How order throughput came back after each fault of a chaos scenario (issue 20, item 4), from the
 * moments the final answers came: per fault, the throughput before it and the time from its end
 * until throughput is back to {@link #LEVEL} of that. A figure the suite reports, not a check (the
 * machine is shared and noisy).
 *
 * <p>Throughput is final answers per second, whatever they said (200, 409, 503): with an open-loop
 * load (an order sent every 1/rate s whether or not the earlier ones were answered) it matches the
 * rate sent when the mall keeps up, and falls when it stalls. Its level before a fault is measured
 * over the {@link #BASELINE_SECONDS} before the fault's start, cut at the end of an earlier fault
 * (so a backlog drained after it does not count twice); it is back once the answers of a {@link
 * #WINDOW_SECONDS} window starting then reach {@link #LEVEL} of that level - a backlog answered at
 * once after the fault counts as back at once.
 */
final class Recovery {
  /** The longest window before a fault that its throughput level is measured over. */
  static final double BASELINE_SECONDS = 10;

  /** The sliding window that must reach the level again. */
  static final double WINDOW_SECONDS = 3;

  /** The share of the level before the fault that counts as back. */
  static final double LEVEL = 0.9;

  /** The resolution of the recovery time. */
  private static final double STEP = 0.05;

  /**
   * A fault from {@code startSeconds} to {@code endSeconds}, on the answers' clock (seconds since
   * the scenario's load started); {@code what} names it in the report.
   */
  record Fault(String what, double startSeconds, double endSeconds) {
    Fault {
      if (endSeconds < startSeconds) {
        throw new IllegalArgumentException(what + " ends before it starts");
      }
    }
  }

  /**
   * One fault's figures: the throughput before it (answers per second over {@code baselineSeconds}
   * before its start; null when that window is shorter than {@link #WINDOW_SECONDS} or held no
   * answer), the answers that came during it, and {@code recoveredAfterSeconds}: from its end until
   * throughput was back to {@link #LEVEL} of the level before it (null: no level to compare with,
   * or not back before the answers ended).
   */
  record Figure(
      Fault fault,
      double baselineSeconds,
      Double baselinePerSecond,
      int answersDuring,
      Double recoveredAfterSeconds) {

    /** A line for the report: "db paused 12.3-32.3 s: 5.4/s before, 3 answers during, back ...". */
    String describe() {
      return String.format(
          Locale.ROOT,
          "%s %.1f-%.1f s: %s before, %d answers during, %s",
          fault.what(),
          fault.startSeconds(),
          fault.endSeconds(),
          baselinePerSecond == null
              ? "no level"
              : String.format(Locale.ROOT, "%.1f/s", baselinePerSecond),
          answersDuring,
          recoveredAfterSeconds == null
              ? (baselinePerSecond == null ? "recovery not measured" : "not back to 90%")
              : String.format(
                  Locale.ROOT, "back to 90%% %.1f s after its end", recoveredAfterSeconds));
    }
  }

  private Recovery() {}

  /**
   * Each fault's figures, in the order of their starts; the answers' own span (the last answer) is
   * where the search for a recovery stops.
   */
  static List<Figure> of(List<Double> answerTimesSeconds, List<Fault> faults) {
    double last = answerTimesSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    return of(answerTimesSeconds, faults, last);
  }

  /**
   * Each fault's figures, in the order of their starts; no window reaching past {@code
   * horizonSeconds} (the load's end) is judged.
   */
  static List<Figure> of(
      List<Double> answerTimesSeconds, List<Fault> faults, double horizonSeconds) {
    double[] times =
        answerTimesSeconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    List<Fault> sorted =
        faults.stream().sorted(Comparator.comparingDouble(Fault::startSeconds)).toList();
    List<Figure> figures = new ArrayList<>();
    for (Fault fault : sorted) {
      double from = Math.max(0, fault.startSeconds() - BASELINE_SECONDS);
      for (Fault earlier : sorted) {
        if (earlier.startSeconds() < fault.startSeconds()) {
          from = Math.max(from, Math.min(earlier.endSeconds(), fault.startSeconds()));
        }
      }
      double baselineSeconds = fault.startSeconds() - from;
      int before = count(times, from, fault.startSeconds());
      Double level =
          baselineSeconds >= WINDOW_SECONDS && before > 0 ? before / baselineSeconds : null;
      figures.add(
          new Figure(
              fault,
              round(baselineSeconds),
              level == null ? null : round(level),
              count(times, fault.startSeconds(), fault.endSeconds()),
              level == null ? null : recovery(times, fault.endSeconds(), level, horizonSeconds)));
    }
    return figures;
  }

  /**
   * "back to 90% after 0.0, 2.4, - s (longest 2.4 s)", "-" for a fault not back or not measured.
   */
  static String summary(List<Figure> figures) {
    if (figures.isEmpty()) {
      return "no faults";
    }
    String each =
        figures.stream()
            .map(
                figure ->
                    figure.recoveredAfterSeconds() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.1f", figure.recoveredAfterSeconds()))
            .collect(Collectors.joining(", "));
    Double longest = longest(figures);
    return "back to 90% after "
        + each
        + " s"
        + (longest == null ? "" : String.format(Locale.ROOT, " (longest %.1f s)", longest));
  }

  /** The longest recovery among those measured, or null if none was. */
  static Double longest(List<Figure> figures) {
    return figures.stream()
        .map(Figure::recoveredAfterSeconds)
        .filter(java.util.Objects::nonNull)
        .max(Double::compare)
        .orElse(null);
  }

  private static Double recovery(double[] times, double end, double level, double horizon) {
    double needed = LEVEL * level * WINDOW_SECONDS;
    for (int step = 0; ; step++) {
      double at = end + step * STEP;
      if (at + WINDOW_SECONDS > horizon + 1e-9) {
        return null;
      }
      if (count(times, at, at + WINDOW_SECONDS) >= needed - 1e-9) {
        return round(at - end);
      }
    }
  }

  /** Answers at or after {@code from} and before {@code to}. */
  private static int count(double[] sorted, double from, double to) {
    return firstAtOrAfter(sorted, to) - firstAtOrAfter(sorted, from);
  }

  private static int firstAtOrAfter(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sorted[middle] < value) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 100) / 100.0;
  }
}
