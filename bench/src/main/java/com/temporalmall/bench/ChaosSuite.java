package com.temporalmall.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * `chaos --scenarios "kills temporal database worker-down" --api-jar A --workers-jar W --xmx X
 * --run-dir D --out O --server-control scripts/chaos.sh --temporal host:port --jdbc URL --db-user U
 * --db-password P [--engine NAME]`: starts the split topology, runs each scenario with its faults
 * while careful clients place orders, checks the books after each, prints a line per scenario and
 * writes chaos.json and chaos.md. Exits 1 if a check failed.
 */
final class ChaosSuite {
  private static final Duration READY = Duration.ofMinutes(3);
  private static final Duration ANSWER_DEADLINE = Duration.ofMinutes(8);
  private static final Duration DRAIN = Duration.ofMinutes(5);

  private final Args args;
  private final Map<String, MallProcess> processes = new LinkedHashMap<>();
  private final Random random;
  private final long seed;
  private Books books;
  private CarefulClient client;
  private Mall mall;
  private String owner;

  private ChaosSuite(Args args) {
    this.args = args;
    this.seed = Long.parseLong(args.get("seed", String.valueOf(System.nanoTime())));
    this.random = new Random(seed);
  }

  /** One scenario's faults and load, and what the books said afterwards. */
  private final class Run {
    final String name;
    final int orders;
    final int stock;
    final long pid;
    final long start = System.nanoTime();
    final List<String> faults = new ArrayList<>();
    String faultSummary;
    final List<Books.Check> checks = new ArrayList<>();
    List<CarefulClient.Order> answers = List.of();
    double lastAnswerSeconds;
    double longestWaitSeconds;
    Double drainSeconds;

    Run(String name, int orders, int stock) throws Exception {
      this.name = name;
      this.orders = orders;
      this.stock = stock;
      this.pid = mall.product(owner, "chaos-" + name, stock);
    }

    Future<List<CarefulClient.Order>> load(ExecutorService background, double perSecond) {
      return background.submit(() -> client.place(name, pid, orders, perSecond));
    }

    void fault(String what) {
      faults.add(String.format("t+%.1fs %s", (System.nanoTime() - start) / 1e9, what));
      System.err.println("[chaos] " + name + ": " + faults.get(faults.size() - 1));
    }

    void finish(Future<List<CarefulClient.Order>> load) throws Exception {
      answers = load.get();
      lastAnswerSeconds =
          answers.stream().mapToDouble(CarefulClient.Order::answeredAfterSeconds).max().orElse(0);
      longestWaitSeconds =
          answers.stream().mapToDouble(CarefulClient.Order::secondsToAnswer).max().orElse(0);
      Duration drained = books.drain(pid, stock, DRAIN);
      drainSeconds = drained == null ? null : Math.round(drained.toMillis() / 100.0) / 10.0;
      checks.add(
          new Books.Check(
              "drained",
              drained != null,
              drained == null ? "not within " + DRAIN : drainSeconds + " s"));
      checks.addAll(books.check(pid, stock, answers));
    }

    boolean ok() {
      return checks.stream().allMatch(Books.Check::ok);
    }

    Map<String, Object> summary() {
      Map<String, Integer> finals = new TreeMap<>();
      Map<String, Integer> retried = new TreeMap<>();
      for (CarefulClient.Order order : answers) {
        finals.merge(order.outcome(), 1, Integer::sum);
        order.retriedAnswers().forEach(answer -> retried.merge(answer, 1, Integer::sum));
      }
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("scenario", name);
      summary.put("orders", orders);
      summary.put("stock", stock);
      summary.put("faults", faults);
      summary.put("faultSummary", faultSummary != null ? faultSummary : String.join("; ", faults));
      summary.put("finalAnswers", finals);
      summary.put("retriedAnswers", retried);
      summary.put("retries", retried.values().stream().mapToInt(Integer::intValue).sum());
      summary.put(
          "ordersRetried",
          answers.stream().filter(order -> !order.retriedAnswers().isEmpty()).count());
      summary.put("secondsToLastAnswer", lastAnswerSeconds);
      summary.put("longestOrderSeconds", longestWaitSeconds);
      summary.put("secondsToDrain", drainSeconds);
      summary.put("checks", checks);
      summary.put("ok", ok());
      return summary;
    }
  }

  static void main(Args args) throws Exception {
    new ChaosSuite(args).runAll();
  }

  private void runAll() throws Exception {
    Path runDir = Path.of(args.get("run-dir"));
    Path out = Path.of(args.get("out"));
    Files.createDirectories(runDir);
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(args.get("temporal")).build());
    books =
        new Books(
            args.get("jdbc"),
            args.get("db-user"),
            args.get("db-password"),
            WorkflowClient.newInstance(service));
    System.err.println("[chaos] random seed " + seed + " (--seed to repeat the fault timings)");
    System.err.println(
        "[chaos] Temporal: "
            + args.get("engine", "Temporal dev server")
            + " at "
            + args.get("temporal"));
    List<Map<String, Object>> results = new ArrayList<>();
    boolean ok = true;
    // Interrupted (Ctrl-C, the script's trap): no mall JVM may outlive the suite.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (MallProcess process : processes.values()) {
                    process.killQuietly();
                  }
                }));
    try {
      startTopology(runDir);
      mall = new Mall(processes.get("api").url());
      List<String> tokens = mall.registerUsers(8, "chaos");
      owner = tokens.get(0);
      Path clientLog = runDir.resolve("clients.log");
      client =
          new CarefulClient(
              processes.get("api").url(),
              tokens,
              ANSWER_DEADLINE,
              new PrintStream(Files.newOutputStream(clientLog), true, StandardCharsets.UTF_8));
      System.err.println("[chaos] every retried answer is logged to " + clientLog);
      for (String scenario : args.get("scenarios").trim().split("\\s+", -1)) {
        Run run =
            switch (scenario) {
              case "kills" -> kills();
              case "temporal" -> temporalRestart();
              case "database" -> databaseOutage();
              case "worker-down" -> workerDown();
              default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            };
        Map<String, Object> summary = run.summary();
        results.add(summary);
        ok &= run.ok();
        System.out.println(line(summary));
        Json.write(
            out.resolve("chaos.json"),
            Map.of(
                "seed",
                seed,
                "engine",
                args.get("engine", "Temporal dev server"),
                "scenarios",
                results));
      }
    } finally {
      for (MallProcess process : processes.values()) {
        process.stop();
      }
    }
    Files.writeString(out.resolve("chaos.md"), table(results));
    System.out.println(table(results));
    if (!ok) {
      System.err.println(
          "[chaos] A CHECK FAILED: see the lines above and " + out.resolve("chaos.json"));
      System.exit(1);
    }
  }

  /**
   * The split topology: one worker per domain (the order worker hosts the order saga) and the API,
   * each its own JVM.
   */
  private void startTopology(Path runDir) throws Exception {
    for (String domain : List.of("user", "product", "order", "pay")) {
      add(runDir, domain + "-worker", args.get("workers-jar"), Map.of("MALL_DOMAINS", domain));
    }
    add(runDir, "api", args.get("api-jar"), Map.of());
    for (MallProcess process : processes.values()) {
      process.start();
    }
    for (MallProcess process : processes.values()) {
      process.awaitReady(READY);
    }
    System.err.println("[chaos] split topology ready: " + processes.keySet());
  }

  private void add(Path runDir, String name, String jar, Map<String, String> environment)
      throws IOException {
    List<String> command =
        List.of("java", "-Xmx" + args.get("xmx", "256m"), "-XX:TieredStopAtLevel=1", "-jar", jar);
    processes.put(name, new MallProcess(name, command, environment, runDir));
  }

  /**
   * kill -9 of a random process among the product and order workers and the API, every 3-7 s while
   * 120 orders arrive over 80 s for stock 60; each is started again 2-5 s later.
   */
  private Run kills() throws Exception {
    Run run = new Run("kills", 120, 60);
    List<String> victims = List.of("product-worker", "order-worker", "api");
    Set<String> down = ConcurrentHashMap.newKeySet();
    ExecutorService background = Executors.newCachedThreadPool();
    List<Future<?>> restarts = new ArrayList<>();
    try {
      Future<List<CarefulClient.Order>> load = run.load(background, 1.5);
      int kills = 0;
      Map<String, Integer> byVictim = new TreeMap<>();
      while (!load.isDone() && kills < 12) {
        TimeUnit.MILLISECONDS.sleep(3000 + random.nextInt(4000));
        List<String> up = victims.stream().filter(name -> !down.contains(name)).toList();
        if (up.isEmpty() || load.isDone()) {
          continue;
        }
        MallProcess victim = processes.get(up.get(random.nextInt(up.size())));
        long downFor = 2000L + random.nextInt(3000);
        down.add(victim.name);
        victim.kill();
        kills++;
        byVictim.merge(victim.name, 1, Integer::sum);
        run.fault("kill -9 " + victim.name + ", restarted after " + downFor / 1000.0 + " s");
        restarts.add(
            background.submit(
                () -> {
                  TimeUnit.MILLISECONDS.sleep(downFor);
                  victim.start();
                  victim.awaitReady(READY);
                  down.remove(victim.name);
                  return null;
                }));
      }
      for (Future<?> restart : restarts) {
        restart.get();
      }
      run.finish(load);
      run.checks.add(
          new Books.Check("at least 10 kills during the orders", kills >= 10, kills + " kills"));
      run.faultSummary = kills + " x kill -9 " + byVictim + ", each restarted after 2-5 s";
      return run;
    } finally {
      background.shutdownNow();
    }
  }

  /**
   * The Temporal server killed 15 s into 100 orders over 50 s (stock 50), started again 10 s later.
   */
  private Run temporalRestart() throws Exception {
    return serverOutage(
        "temporal",
        "temporal-kill",
        "temporal-start",
        args.get("engine", "Temporal dev server") + " killed (kill -9)",
        Duration.ofSeconds(10));
  }

  /** MariaDB stopped 15 s into 100 orders over 50 s (stock 50), started again 30 s later. */
  private Run databaseOutage() throws Exception {
    return serverOutage(
        "database", "db-stop", "db-start", "MariaDB stopped", Duration.ofSeconds(30));
  }

  private Run serverOutage(String name, String fault, String recovery, String what, Duration outage)
      throws Exception {
    Run run = new Run(name, 100, 50);
    ExecutorService background = Executors.newCachedThreadPool();
    try {
      Future<List<CarefulClient.Order>> load = run.load(background, 2);
      TimeUnit.SECONDS.sleep(15);
      serverControl(fault);
      long downAt = System.nanoTime();
      run.fault(what);
      TimeUnit.NANOSECONDS.sleep(outage.toNanos());
      serverControl(recovery);
      run.fault(String.format("started again, down %.1f s", (System.nanoTime() - downAt) / 1e9));
      run.finish(load);
      return run;
    } finally {
      background.shutdownNow();
    }
  }

  /**
   * The product worker killed, then 20 orders over 10 s; it stays down until product.decrStock's
   * schedule-to-close timeout has passed for the last of them, so every saga compensates.
   */
  private Run workerDown() throws Exception {
    Run run = new Run("worker-down", 20, 20);
    MallProcess productWorker = processes.get("product-worker");
    ExecutorService background = Executors.newCachedThreadPool();
    try {
      productWorker.kill();
      long downAt = System.nanoTime();
      run.fault("kill -9 product-worker");
      Future<List<CarefulClient.Order>> load = run.load(background, 2);
      // Back only once the last saga's product.decrStock is past its schedule-to-close deadline,
      // as Temporal computed it (however long the orders took to start on a busy machine).
      Instant lastDeadline = books.pendingActivityDeadlines(run.pid, run.orders, READY);
      System.err.println(
          "[chaos] worker-down: every saga waits for product.decrStock, the last until "
              + lastDeadline);
      TimeUnit.MILLISECONDS.sleep(
          Math.max(0, Duration.between(Instant.now(), lastDeadline).plusSeconds(10).toMillis()));
      productWorker.start();
      productWorker.awaitReady(READY);
      run.fault(
          String.format(
              "product-worker started again, down %.1f s", (System.nanoTime() - downAt) / 1e9));
      run.finish(load);
      long compensated =
          run.answers.stream()
              .filter(order -> "503 order-compensated".equals(order.outcome()))
              .count();
      run.checks.add(
          new Books.Check(
              "every order compensated (503 order-compensated)",
              compensated == run.orders,
              compensated + " of " + run.orders));
      int left = books.stock(run.pid);
      run.checks.add(
          new Books.Check(
              "stock unchanged", left == run.stock, "stock " + left + " of " + run.stock));
      run.checks.add(books.historyShowsTimeout(run.pid));
      return run;
    } finally {
      background.shutdownNow();
    }
  }

  private void serverControl(String action) throws IOException, InterruptedException {
    Path log = Path.of(args.get("run-dir")).resolve("server-control.log");
    Process control =
        new ProcessBuilder("bash", args.get("server-control"), "server", action)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    if (control.waitFor() != 0) {
      throw new IllegalStateException(
          "scripts/chaos.sh server " + action + " failed (log: " + log + ")");
    }
  }

  @SuppressWarnings("unchecked")
  private static String line(Map<String, Object> summary) {
    List<Books.Check> checks = (List<Books.Check>) summary.get("checks");
    long passed = checks.stream().filter(Books.Check::ok).count();
    StringBuilder line =
        new StringBuilder(
            String.format(
                "%s: %s orders on stock %s; %d faults; final answers %s; retried answers %s (%s orders retried); last answer after %.1f s (longest order %.1f s), drained %s s later; checks %d/%d %s",
                summary.get("scenario"),
                summary.get("orders"),
                summary.get("stock"),
                ((List<?>) summary.get("faults")).size(),
                summary.get("finalAnswers"),
                summary.get("retriedAnswers"),
                summary.get("ordersRetried"),
                (Double) summary.get("secondsToLastAnswer"),
                (Double) summary.get("longestOrderSeconds"),
                summary.get("secondsToDrain"),
                passed,
                checks.size(),
                passed == checks.size() ? "OK" : "FAILED"));
    for (Books.Check check : checks) {
      line.append("\n  ")
          .append(check.ok() ? "ok     " : "FAILED ")
          .append(check.name())
          .append(": ")
          .append(check.detail());
    }
    for (Object fault : (List<?>) summary.get("faults")) {
      line.append("\n  fault  ").append(fault);
    }
    return line.toString();
  }

  @SuppressWarnings("unchecked")
  private static String table(List<Map<String, Object>> results) {
    Function<Object, String> cell = value -> String.valueOf(value).replace("|", "/");
    StringBuilder table =
        new StringBuilder(
            """
            | scenario | orders (stock) | faults | final answers | retried answers | last answer \
            | longest order | drained after | checks |
            | --- | ---: | --- | --- | --- | ---: | ---: | ---: | --- |
            """);
    for (Map<String, Object> summary : results) {
      List<Books.Check> checks = (List<Books.Check>) summary.get("checks");
      long passed = checks.stream().filter(Books.Check::ok).count();
      table.append(
          String.format(
              "| %s | %s (%s) | %s | %s | %s | %s s | %s s | %s s | %d/%d %s |\n",
              summary.get("scenario"),
              summary.get("orders"),
              summary.get("stock"),
              cell.apply(summary.get("faultSummary")),
              cell.apply(summary.get("finalAnswers")),
              cell.apply(summary.get("retriedAnswers")),
              summary.get("secondsToLastAnswer"),
              summary.get("longestOrderSeconds"),
              summary.get("secondsToDrain"),
              passed,
              checks.size(),
              passed == checks.size() ? "OK" : "FAILED"));
    }
    return table.toString();
  }
}
