package com.temporalmall.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * N clients, each sending its next request as soon as its previous one is answered, for a given
 * time. Requests in flight at the deadline are waited for and counted; throughput is successes over
 * the time until the last answer. Latency percentiles are over successful requests: 2xx, or the
 * statuses a point names (a sold-out product's 409, the answer it is meant to measure). With a CPU
 * meter, its snapshots bracket the measured window only (warm-up excluded), and the point carries
 * CPU ms per successful request ("cpu").
 */
final class ClosedLoop {
  /** One request; returns its outcome (an HTTP status, or 200 for a probe that completed). */
  interface Request extends Callable<Integer> {}

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
      measure(clients, warmup, clientRequests, null, counted);
    }
    return measure(clients, duration, clientRequests, cpu, counted);
  }

  /** A 2xx status. */
  static boolean success(int status) {
    return status / 100 == 2;
  }

  private static Map<String, Object> measure(
      int clients,
      Duration duration,
      IntFunction<Request> clientRequests,
      Cpu cpu,
      IntPredicate counted)
      throws InterruptedException {
    Latencies ok = new Latencies();
    Cpu.Snapshot cpuBefore = cpu == null ? null : cpu.snapshot();
    Map<String, Integer> outcomes = new TreeMap<>();
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Request request = clientRequests.apply(i);
      Thread thread =
          new Thread(
              () -> {
                while (System.nanoTime() < deadline) {
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
    Cpu.Snapshot cpuAfter = cpu == null ? null : cpu.snapshot();
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("concurrency", clients);
    point.put("seconds", Math.round(seconds * 10) / 10.0);
    point.put("outcomes", outcomes);
    point.put("perSecond", Math.round(ok.count() / seconds * 10) / 10.0);
    point.putAll(ok.summary());
    if (cpu != null) {
      point.put("cpu", cpu.perOrder(cpuBefore, cpuAfter, ok.count()));
    }
    return point;
  }
}
