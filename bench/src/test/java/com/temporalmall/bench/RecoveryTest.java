package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecoveryTest {
  private static final Recovery.Fault PAUSE = new Recovery.Fault("db paused", 20, 40);

  @Test
  void aBacklogAnsweredAtOnceAfterTheFaultIsBackAtOnce() {
    List<Double> answers = new ArrayList<>();
    answers.addAll(steady(0, 20, 10));
    answers.addAll(steady(40, 41, 200)); // the 200 orders held during the pause
    answers.addAll(steady(41, 70, 10));

    Recovery.Figure figure = Recovery.of(answers, List.of(PAUSE)).getFirst();

    assertThat(figure.baselineSeconds()).isEqualTo(10);
    assertThat(figure.baselinePerSecond()).isCloseTo(10, within(0.01));
    assertThat(figure.answersDuring()).isZero();
    assertThat(figure.recoveredAfterSeconds()).isZero();
  }

  @Test
  void aSlowStartCountsUntilAWindowReachesNinetyPercentOfTheLevelBefore() {
    List<Double> answers = new ArrayList<>();
    answers.addAll(steady(0, 20, 10));
    answers.addAll(steady(40, 46, 5)); // half the rate for 6 s after the fault
    answers.addAll(steady(46, 70, 10));

    Recovery.Figure figure = Recovery.of(answers, List.of(PAUSE)).getFirst();

    // A 3 s window [t, t+3) needs 27 answers: 5/s before 46 and 10/s after gives
    // 5 (46 - t) + 10 (t + 3 - 46) >= 27, so t >= 45.4 - 0.4 s after the fault's end is 5.4.
    assertThat(figure.recoveredAfterSeconds()).isCloseTo(5.4, within(0.1));
  }

  @Test
  void throughputThatNeverComesBackBeforeTheAnswersEndIsNotBack() {
    List<Double> answers = new ArrayList<>();
    answers.addAll(steady(0, 20, 10));
    answers.addAll(steady(20, 40, 1));
    answers.addAll(steady(40, 70, 8)); // 80 %: not back

    Recovery.Figure figure = Recovery.of(answers, List.of(PAUSE)).getFirst();

    assertThat(figure.answersDuring()).isEqualTo(20);
    assertThat(figure.recoveredAfterSeconds()).isNull();
    assertThat(figure.describe()).endsWith("not back to 90%");
  }

  @Test
  void noWindowPastTheHorizonIsJudged() {
    List<Double> answers = new ArrayList<>();
    answers.addAll(steady(0, 20, 10));
    answers.addAll(steady(40, 70, 10));

    assertThat(Recovery.of(answers, List.of(PAUSE), 42).getFirst().recoveredAfterSeconds())
        .isNull();
    assertThat(Recovery.of(answers, List.of(PAUSE), 43).getFirst().recoveredAfterSeconds())
        .isZero();
  }

  @Test
  void theLevelBeforeAFaultIsCutAtTheEndOfTheOneBeforeIt() {
    List<Double> answers = new ArrayList<>();
    answers.addAll(steady(0, 10, 10));
    answers.addAll(steady(20, 21, 100)); // the first fault's backlog: not the second's level
    answers.addAll(steady(21, 25, 4));
    answers.addAll(steady(35, 60, 4));
    List<Recovery.Fault> faults =
        List.of(new Recovery.Fault("second", 25, 35), new Recovery.Fault("first", 10, 20));

    List<Recovery.Figure> figures = Recovery.of(answers, faults);

    assertThat(figures)
        .extracting(figure -> figure.fault().what())
        .containsExactly("first", "second");
    Recovery.Figure second = figures.get(1);
    assertThat(second.baselineSeconds()).isEqualTo(5);
    assertThat(second.baselinePerSecond()).isCloseTo(23.2, within(0.01)); // (100 + 4 x 4) / 5
    assertThat(second.recoveredAfterSeconds()).isNull(); // 4/s never reaches 90 % of 23.2/s
  }

  @Test
  void aFaultWithTooShortOrEmptyAWindowBeforeItHasNoLevel() {
    List<Double> answers = steady(0, 60, 10);
    List<Recovery.Fault> faults =
        List.of(
            new Recovery.Fault("at the start", 1, 5),
            new Recovery.Fault("right after it", 6, 10),
            new Recovery.Fault("measured", 20, 30));

    List<Recovery.Figure> figures = Recovery.of(answers, faults);

    assertThat(figures.get(0).baselinePerSecond()).isNull();
    assertThat(figures.get(0).recoveredAfterSeconds()).isNull();
    assertThat(figures.get(0).describe()).endsWith("recovery not measured");
    assertThat(figures.get(1).baselineSeconds()).isEqualTo(1);
    assertThat(figures.get(1).baselinePerSecond()).isNull();
    assertThat(figures.get(2).recoveredAfterSeconds()).isZero();
    assertThat(Recovery.of(steady(30, 60, 10), List.of(PAUSE)).getFirst().baselinePerSecond())
        .as("no answer before the fault")
        .isNull();
  }

  @Test
  void theSummaryListsEachRecoveryAndTheLongest() {
    List<Double> answers = new ArrayList<>();
    answers.addAll(steady(0, 20, 10));
    // Nothing for 2 s after the fault, then 10/s: the first 3 s window with 27 answers (42.075 to
    // 44.675) starts just after 41.675 - at 41.7 on the 0.05 s grid, 1.7 s after the end.
    answers.addAll(steady(42.075, 70.075, 10));
    List<Recovery.Fault> faults =
        List.of(
            PAUSE,
            new Recovery.Fault("the first second", 0.5, 1),
            new Recovery.Fault("late", 55, 56));

    List<Recovery.Figure> figures = Recovery.of(answers, faults);

    assertThat(Recovery.summary(figures))
        .isEqualTo("back to 90% after -, 1.7, 0.0 s (longest 1.7 s)");
    assertThat(Recovery.longest(figures)).isEqualTo(1.7);
    assertThat(figures.get(1).describe())
        .isEqualTo(
            "db paused 20.0-40.0 s: 10.0/s before, 0 answers during, back to 90% 1.7 s after its"
                + " end");
    assertThat(Recovery.summary(List.of())).isEqualTo("no faults");
    assertThat(Recovery.longest(figures.subList(0, 1))).isNull();
  }

  @Test
  void aFaultMustNotEndBeforeItStarts() {
    assertThatThrownBy(() -> new Recovery.Fault("backwards", 10, 9))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Answers evenly spread from {@code from} (included) to {@code to} (excluded). */
  private static List<Double> steady(double from, double to, double perSecond) {
    List<Double> answers = new ArrayList<>();
    long count = Math.round((to - from) * perSecond);
    for (long i = 0; i < count; i++) {
      answers.add(from + i / perSecond);
    }
    return answers;
  }
}
