package com.temporalmall.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The chaos suite's gray scenarios that freeze a process instead of killing it (issue 20): SIGSTOP
 * keeps its sockets open and its port taken, so callers neither get a refused connection nor a
 * reset, only silence, until SIGCONT. 1,000 careful clients' orders on stock 600, sent over 3
 * minutes, while MariaDB ({@code pause-db}), the Temporal server ({@code pause-temporal}) or each
 * mall JVM in turn ({@code pause-mall}) is frozen 5 times for 20 s; then the books, the answers,
 * and how soon throughput came back after each pause ({@link Recovery}).
 */
final class ProcessPauses {
  static final int ORDERS = 1000;
  static final int STOCK = 600;
  static final Duration LOAD = Duration.ofMinutes(3);
  static final Duration PAUSE = Duration.ofSeconds(20);
  static final int PAUSES = 5;

  /** The mall's JVMs, paused in this order by {@code pause-mall}. */
  static final List<String> MALL =
      List.of("api", "user-worker", "product-worker", "order-worker", "pay-worker");

  /** Freeze {@code victim} {@code at} after the load's start, for {@code length}. */
  record Pause(String victim, Duration at, Duration length) {}

  /** What a scenario freezes: SIGSTOP and SIGCONT of a victim. */
  private interface Freezer {
    void pause(String victim) throws Exception;

    void resume(String victim) throws Exception;
  }

  private final ChaosSuite suite;

  ProcessPauses(ChaosSuite suite) {
    this.suite = suite;
  }

  /**
   * One pause per victim, each {@link #PAUSE} long: the first 10-15 s after the load's start (a
   * level of throughput to compare with before it), each next one 5-12 s after the previous one
   * ended - five of them end 130-163 s in, within the first ~165 s and before the 3-minute load
   * ends. Drawn from {@code random}; the same seed gives the same plan.
   */
  static List<Pause> plan(Random random, List<String> victims) {
    // As in FlashSaleChaos.plan: a Random seeded with the first long spreads nearby seeds.
    Random draws = new Random(random.nextLong());
    List<Pause> plan = new ArrayList<>();
    long at = 10_000L + draws.nextInt(5_001);
    for (String victim : victims) {
      plan.add(new Pause(victim, Duration.ofMillis(at), PAUSE));
      at += PAUSE.toMillis() + 5_000L + draws.nextInt(7_001);
    }
    return List.copyOf(plan);
  }

  /** MariaDB (every domain database and the API's read accounts) frozen 5 times. */
  ChaosSuite.Run database() throws Exception {
    return pauses("pause-db", "MariaDB", serverFreezer("db"));
  }

  /** The Temporal server (the dev server, or temporal-server on the production engine) frozen. */
  ChaosSuite.Run temporal() throws Exception {
    return pauses("pause-temporal", suite.engine(), serverFreezer("temporal"));
  }

  /** The API and each worker frozen in turn, one at a time. */
  ChaosSuite.Run mall() throws Exception {
    return pauses(
        "pause-mall",
        MALL,
        new Freezer() {
          @Override
          public void pause(String victim) throws Exception {
            suite.mallProcess(victim).pause();
          }

          @Override
          public void resume(String victim) throws Exception {
            suite.mallProcess(victim).resume();
          }
        });
  }

  /** {@code scripts/chaos.sh server <server>-pause | <server>-resume}. */
  private Freezer serverFreezer(String server) {
    return new Freezer() {
      @Override
      public void pause(String victim) throws Exception {
        suite.serverControl(server + "-pause");
      }

      @Override
      public void resume(String victim) throws Exception {
        suite.serverControl(server + "-resume");
      }
    };
  }

  private ChaosSuite.Run pauses(String name, String victim, Freezer freezer) throws Exception {
    return pauses(name, java.util.Collections.nCopies(PAUSES, victim), freezer);
  }

  private ChaosSuite.Run pauses(String name, List<String> victims, Freezer freezer)
      throws Exception {
    ChaosSuite.Run run = suite.newRun(name, ORDERS, STOCK);
    List<Pause> plan = plan(suite.random(), victims);
    List<Recovery.Fault> faults = new ArrayList<>();
    List<String> outsideTheLoad = new ArrayList<>();
    ExecutorService background = Executors.newCachedThreadPool();
    String frozen = null;
    try {
      // The answers' clock is the run's (run.fault's t+): the faults and the answers line up.
      Future<List<CarefulClient.Order>> load =
          background.submit(
              () ->
                  suite
                      .client()
                      .place(
                          name, run.pid, ORDERS, ORDERS / (LOAD.toMillis() / 1000.0), run.start));
      for (Pause pause : plan) {
        TimeUnit.NANOSECONDS.sleep(
            Math.max(0, run.start + pause.at().toNanos() - System.nanoTime()));
        freezer.pause(pause.victim());
        frozen = pause.victim();
        double from = secondsSince(run.start);
        run.fault("SIGSTOP " + pause.victim());
        TimeUnit.NANOSECONDS.sleep(pause.length().toNanos());
        boolean inFlight = !load.isDone();
        freezer.resume(pause.victim());
        frozen = null;
        double to = secondsSince(run.start);
        run.fault(String.format("SIGCONT %s, frozen %.1f s", pause.victim(), to - from));
        faults.add(new Recovery.Fault(pause.victim() + " frozen", from, to));
        if (!inFlight) {
          outsideTheLoad.add(pause.victim() + " at " + Math.round(from) + " s");
        }
      }
      run.finish(load);
    } finally {
      if (frozen != null) {
        // Interrupted mid-pause: nothing may stay frozen (scripts/chaos.sh's trap resumes the
        // servers too, should this JVM die first).
        try {
          freezer.resume(frozen);
        } catch (Exception e) {
          System.err.println("[chaos] " + name + ": could not resume " + frozen + ": " + e);
        }
      }
      background.shutdownNow();
    }
    run.checks.add(
        new Books.Check(
            "every pause ended while orders were unanswered",
            outsideTheLoad.isEmpty(),
            outsideTheLoad.isEmpty() ? faults.size() + " pauses" : "after: " + outsideTheLoad));
    Map<String, Integer> unexpected = FlashSaleChaos.unexpected(run.answers);
    run.checks.add(
        new Books.Check(
            "final answers only 200, 409 insufficient-stock, 503 order-compensated",
            unexpected.isEmpty(),
            unexpected.isEmpty() ? "no other" : "others " + unexpected));
    long placed = run.answers.stream().filter(CarefulClient.Order::placed).count();
    int left = suite.books().stock(run.pid);
    run.checks.add(
        new Books.Check(
            "sold out: " + STOCK + " answered 200, stock left 0",
            placed == STOCK && left == 0,
            placed + " answered 200, stock left " + left));
    for (String saga : suite.books().sagasNotCompleted(run.pid)) {
      run.note("saga closed without completing: " + saga);
    }
    recovery(run, faults);
    run.faultSummary =
        String.format(
            "%d x SIGSTOP for %d s, SIGCONT after: %s",
            faults.size(),
            PAUSE.toSeconds(),
            String.join(
                ", ",
                faults.stream()
                    .map(
                        fault ->
                            String.format(
                                "%s t+%.1f-%.1fs",
                                fault.what().replace(" frozen", ""),
                                fault.startSeconds(),
                                fault.endSeconds()))
                    .toList()));
    return run;
  }

  /** Each pause's recovery, as figures of the run (a report, not a check). */
  private static void recovery(ChaosSuite.Run run, List<Recovery.Fault> faults) {
    List<Double> answered =
        run.answers.stream()
            .filter(CarefulClient.Order::finalAnswer)
            .map(CarefulClient.Order::answeredAfterSeconds)
            .toList();
    List<Recovery.Figure> figures = Recovery.of(answered, faults, LOAD.toMillis() / 1000.0);
    List<Map<String, Object>> each = new ArrayList<>();
    for (Recovery.Figure figure : figures) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("fault", figure.fault().what());
      one.put("startSeconds", round(figure.fault().startSeconds()));
      one.put("endSeconds", round(figure.fault().endSeconds()));
      one.put("levelBeforePerSecond", figure.baselinePerSecond());
      one.put("levelMeasuredOverSeconds", figure.baselineSeconds());
      one.put("answersDuring", figure.answersDuring());
      one.put("backTo90PercentAfterSeconds", figure.recoveredAfterSeconds());
      each.add(one);
      run.notes.add(figure.describe());
    }
    run.figures.put("recovery", each);
    run.figures.put("longestRecoverySeconds", Recovery.longest(figures));
    run.tableNote = "throughput " + Recovery.summary(figures);
  }

  private static double secondsSince(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static double round(double seconds) {
    return Math.round(seconds * 10) / 10.0;
  }
}
