package com.temporalmall.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * N clients, each sending its next request as soon as its previous one is answered, for a given
 * time. Requests in flight at the deadline are waited for and counted; throughput is successes over
 * the time until the last answer. Latency percentiles are over successful requests: 2xx, or the
 * statuses a point names (a sold-out product's 409, the answer it is meant to measure). With a CPU
 * meter, its snapshots bracket the measured window only (warm-up excluded), and the point carries
 * CPU ms per successful request ("cpu"). {@link #runCounted} bounds warm-up and window by a number
 * of requests instead of a time.
 */
final class ClosedLoop {
  /** One request; returns its outcome (an HTTP status, or 200 for a probe that completed). */
  interface Request extends Callable<Integer> {}

  /**
   * Something read right before and right after a measured window (CPU from /proc, the engine's
   * request counters), reported per counted answer.
   */
  interface Meter {
    void start();

    /** Adds its figures over the window, per counted answer, to the point. */
    void stop(long counted, Map<String, Object> point);
  }

  /** A CPU meter: the point's "cpu" (see {@link Cpu#perOrder}). */
  static Meter meter(Cpu cpu) {
    return new Meter() {
      private Cpu.Snapshot before;

      @Override
      public void start() {
        before = cpu.snapshot();
      }

      @Override
      public void stop(long counted, Map<String, Object> point) {
        point.put("cpu", cpu.perOrder(before, cpu.snapshot(), counted));
      }
    };
  }

  private ClosedLoop() {}

  static Map<String, Object> run(
      int clients, Duration duration, Duration warmup, IntFunction<Request> clientRequests)
      throws InterruptedException {
    return run(clients, duration, warmup, clientRequests, null);
  }

  static Map<String, Object> run(
      int clients, Duration duration, Duration warmup, IntFunction<Request> clientRequests, Cpu cpu)
      throws InterruptedException {
    return run(clients, duration, warmup, clientRequests, cpu, ClosedLoop::success);
  }

  /**
   * As {@link #run(int, Duration, Duration, IntFunction, Cpu)}, with {@code counted} deciding which
   * outcomes count as successes (throughput, latencies, CPU per success).
   */
  static Map<String, Object> run(
      int clients,
      Duration duration,
      Duration warmup,
      IntFunction<Request> clientRequests,
      Cpu cpu,
      IntPredicate counted)
      throws InterruptedException {
    if (!warmup.isZero()) {
      measure(clients, until(warmup), clientRequests, List.of(), counted);
    }
    return measure(
        clients,
        until(duration),
        clientRequests,
        cpu == null ? List.of() : List.of(meter(cpu)),
        counted);
  }

  /**
   * The clients send {@code warmup} requests between them, then, as soon as the last of those is
   * answered, {@code requests} more: the measured window, bracketed by the meters. Between the two,
   * {@code between} runs (e.g. a measurement of the processes at rest).
   */
  static Map<String, Object> runCounted(
      int clients,
      int warmup,
      int requests,
      IntFunction<Request> clientRequests,
      Runnable between,
      List<Meter> meters,
      IntPredicate counted)
      throws InterruptedException {
    if (warmup > 0) {
      measure(clients, tickets(warmup), clientRequests, List.of(), counted);
    }
    between.run();
    long windowStart = System.currentTimeMillis();
    Map<String, Object> point =
        measure(clients, tickets(requests), clientRequests, meters, counted);
    point.put("warmupRequests", warmup);
    point.put("requests", requests);
    // wall-clock bounds of the window, to cut a profile of the same processes (JFR) to it
    point.put("windowStartEpochMs", windowStart);
    point.put("windowEndEpochMs", System.currentTimeMillis());
    return point;
  }

  /** Whether the options ask for a point counted in requests (`--requests N`), a cost point. */
  static boolean counted(Args args) {
    return args.integer("requests", 0) > 0;
  }

  /**
   * One load point from the command line, `clients` clients: by time (`--seconds S --warmup W`,
   * with `--cpu` CPU per counted answer), or counted (`--warmup-requests N --requests M`): then the
   * meters are the CPU of `--cpu` and the engine's request counters of `--engine-metrics URL`, and
   * with `--idle-seconds I` (and `--cpu`) the processes' CPU per second at rest is read for that
   * long between warm-up and window ("idle").
   */
  static Map<String, Object> fromArgs(
      Args args, int clients, IntFunction<Request> clientRequests, IntPredicate counted)
      throws InterruptedException {
    Cpu cpu = Cpu.fromArgs(args);
    if (!counted(args)) {
      return run(
          clients,
          args.seconds("seconds", 15),
          args.seconds("warmup", 2),
          clientRequests,
          cpu,
          counted);
    }
    List<Meter> meters = new ArrayList<>();
    EngineMetrics engine = EngineMetrics.fromArgs(args);
    if (engine != null) {
      meters.add(engine);
    }
    if (cpu != null) {
      meters.add(meter(cpu));
    }
    Duration idle = args.seconds("idle-seconds", 0);
    Map<String, Object> rest = new LinkedHashMap<>();
    Runnable between =
        () -> {
          if (cpu == null || idle.isZero()) {
            return;
          }
          Cpu.Snapshot before = cpu.snapshot();
          try {
            Thread.sleep(idle);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          rest.put("idle", cpu.perSecond(before, cpu.snapshot()));
        };
    Map<String, Object> point =
        runCounted(
            clients,
            args.integer("warmup-requests", 0),
            args.integer("requests", 0),
            clientRequests,
            between,
            meters,
            counted);
    point.putAll(rest);
    return point;
  }

  /** Another request while the time lasts (from now). */
  private static BooleanSupplier until(Duration duration) {
    long deadline = System.nanoTime() + duration.toNanos();
    return () -> System.nanoTime() < deadline;
  }

  /** Another request while tickets last: exactly {@code requests} requests among the clients. */
  static BooleanSupplier tickets(int requests) {
    AtomicInteger left = new AtomicInteger(requests);
    return () -> left.getAndDecrement() > 0;
  }

  /** A 2xx status. */
  static boolean success(int status) {
    return status / 100 == 2;
  }

  private static Map<String, Object> measure(
      int clients,
      BooleanSupplier another,
      IntFunction<Request> clientRequests,
      List<Meter> meters,
      IntPredicate counted)
      throws InterruptedException {
    Latencies ok = new Latencies();
    meters.forEach(Meter::start);
    Map<String, Integer> outcomes = new TreeMap<>();
    long start = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Request request = clientRequests.apply(i);
      Thread thread =
          new Thread(
              () -> {
                while (another.getAsBoolean()) {
                  long sent = System.nanoTime();
                  String outcome;
                  try {
                    int status = request.call();
                    outcome = String.valueOf(status);
                    if (counted.test(status)) {
                      ok.record(System.nanoTime() - sent);
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  } catch (Exception e) {
                    outcome = Outcomes.of(e);
                  }
                  synchronized (outcomes) {
                    outcomes.merge(outcome, 1, Integer::sum);
                  }
                }
              },
              "client-" + i);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("concurrency", clients);
    point.put("seconds", Math.round(seconds * 10) / 10.0);
    point.put("outcomes", outcomes);
    point.put("perSecond", Math.round(ok.count() / seconds * 10) / 10.0);
    point.putAll(ok.summary());
    // Nested brackets: the first meter started is the last stopped (the engine's scrape outside
    // the CPU window).
    for (int i = meters.size() - 1; i >= 0; i--) {
      meters.get(i).stop(ok.count(), point);
    }
    return point;
  }
}
