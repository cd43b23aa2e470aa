package com.temporalmall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * `chaos --scenarios "kills temporal database worker-down flash-sale" --api-jar A --workers-jar W
 * [--sandbox-jar S, for the payments scenario] [--toxiproxy host:port --proxy-ports FIRST
 * [--network-orders N], for the net-* scenarios] --xmx X --run-dir D --out O --server-control
 * scripts/chaos.sh --temporal host:port --jdbc URL --db-user U --db-password P [--engine NAME]`:
 * starts the split topology, runs each scenario with its faults while careful clients place orders,
 * checks the books after each, prints a line per scenario and writes chaos.json and chaos.md. Exits
 * 1 if a check failed.
 */
final class ChaosSuite {
  private static final Duration READY = Duration.ofMinutes(6);
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
  private List<String> tokens;
  private PrintStream clientLogStream;

  /** The proxies between the mall's processes and their servers, when network scenarios run. */
  private NetworkChaos network;

  private ChaosSuite(Args args) {
    this.args = args;
    this.seed = Long.parseLong(args.get("seed", String.valueOf(System.nanoTime())));
    this.random = new Random(seed);
  }

  /** One scenario's faults and load, and what the books said afterwards. */
  final class Run {
    final String name;
    final int orders;
    final int stock;
    final long pid;
    final long start = System.nanoTime();
    final List<String> faults = new ArrayList<>();

    /** What happened besides the faults (restarted processes ready, the gate's timings). */
    final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    /** Figures of the scenario beyond the common ones, for chaos.json. */
    final Map<String, Object> figures = new LinkedHashMap<>();

    /** Appended to the checks cell of the scenario's row in chaos.md. */
    String tableNote;

    String faultSummary;
    final List<Books.Check> checks = new ArrayList<>();
    List<CarefulClient.Order> answers = List.of();
    double lastAnswerSeconds;
    double longestWaitSeconds;
    Double drainSeconds;

    Run(String name, int orders, int stock) throws Exception {
      this(name, orders, stock, 1);
    }

    Run(String name, int orders, int stock, long amount) throws Exception {
      this.name = name;
      this.orders = orders;
      this.stock = stock;
      this.pid = mall.product(owner, "chaos-" + name, stock, amount);
    }

    Future<List<CarefulClient.Order>> load(ExecutorService background, double perSecond) {
      return background.submit(() -> client.place(name, pid, orders, perSecond));
    }

    void fault(String what) {
      faults.add(String.format("t+%.1fs %s", (System.nanoTime() - start) / 1e9, what));
      System.err.println("[chaos] " + name + ": " + faults.get(faults.size() - 1));
    }

    void note(String what) {
      notes.add(String.format("t+%.1fs %s", (System.nanoTime() - start) / 1e9, what));
      System.err.println("[chaos] " + name + ": " + notes.get(notes.size() - 1));
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
      summary.put("notes", List.copyOf(notes));
      summary.putAll(figures);
      if (tableNote != null) {
        summary.put("tableNote", tableNote);
      }
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
      if (Stream.of(scenarios()).anyMatch(NetworkChaos::isNetwork)) {
        network =
            new NetworkChaos(
                args.get("toxiproxy"),
                args.integer("proxy-ports", 21400),
                NetworkChaos.authority(args.get("jdbc")),
                args.get("temporal"));
      }
      startTopology(runDir);
      mall = new Mall(processes.get("api").url());
      tokens = mall.registerUsers(8, "chaos");
      owner = tokens.get(0);
      Path clientLog = runDir.resolve("clients.log");
      clientLogStream =
          new PrintStream(Files.newOutputStream(clientLog), true, StandardCharsets.UTF_8);
      client =
          new CarefulClient(processes.get("api").url(), tokens, ANSWER_DEADLINE, clientLogStream);
      System.err.println("[chaos] every retried answer is logged to " + clientLog);
      for (String scenario : scenarios()) {
        Run run =
            switch (scenario) {
              case "kills" -> kills();
              case "temporal" -> temporalRestart();
              case "database" -> databaseOutage();
              case "worker-down" -> workerDown();
              case "flash-sale" -> flashSale();
              case "payments" -> payments();
              case "pause-db" -> new ProcessPauses(this).database();
              case "pause-temporal" -> new ProcessPauses(this).temporal();
              case "pause-mall" -> new ProcessPauses(this).mall();
              case String net when NetworkChaos.isNetwork(net) -> network(net);
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
    MallProcess api = process(runDir, "api", args.get("api-jar"), Map.of());
    Map<String, String> payWorker = new LinkedHashMap<>(Map.of("MALL_DOMAINS", "pay"));
    MallProcess sandbox = null;
    if (List.of(args.get("scenarios").trim().split("\\s+", -1)).contains("payments")) {
      sandbox = sandbox(runDir, api);
      payWorker.put("MALL_PAY_PROVIDER_URL", sandbox.url() + "/sandbox/v1");
    }
    for (String domain : List.of("user", "product", "order")) {
      add(runDir, domain + "-worker", args.get("workers-jar"), Map.of("MALL_DOMAINS", domain));
    }
    add(runDir, "pay-worker", args.get("workers-jar"), payWorker);
    processes.put("api", api);
    for (MallProcess process : processes.values()) {
      process.start();
    }
    for (MallProcess process : processes.values()) {
      process.awaitReady(READY);
    }
    if (sandbox != null) {
      // After the mall's JVMs: seven starting at once on two cores time out their connections.
      processes.put("sandbox", sandbox);
      sandbox.start();
      sandbox.awaitReady(READY);
    }
    System.err.println("[chaos] split topology ready: " + processes.keySet());
  }

  private void add(Path runDir, String name, String jar, Map<String, String> environment)
      throws IOException {
    processes.put(name, process(runDir, name, jar, environment));
  }

  private MallProcess process(Path runDir, String name, String jar, Map<String, String> environment)
      throws IOException {
    return new MallProcess(
        name,
        command(jar),
        network == null ? environment : network.route(name, environment),
        runDir);
  }

  private String[] scenarios() {
    return args.get("scenarios").trim().split("\\s+", -1);
  }

  /**
   * A network scenario ({@link NetworkChaos#SCENARIOS}): careful clients place its orders while,
   * from {@code after} into them and for {@code lasting}, its toxic sits on the links it hits.
   * Checked like the others, and its final answers may only be 200, 409 insufficient-stock and 503
   * order-compensated.
   */
  private Run network(String name) throws Exception {
    NetworkChaos.Scenario scenario = NetworkChaos.scenario(name);
    int orders = args.integer("network-orders", 0);
    if (orders > 0) {
      scenario = scenario.resized(orders);
    }
    Run run = new Run(name, scenario.orders(), scenario.stock());
    ExecutorService background = Executors.newCachedThreadPool();
    NetworkChaos.Injected injected = null;
    try {
      // The answers' clock is the run's (run.fault's t+), as Recovery needs.
      int count = scenario.orders();
      double perSecond = scenario.perSecond();
      Future<List<CarefulClient.Order>> load =
          background.submit(() -> client.place(name, run.pid, count, perSecond, run.start));
      TimeUnit.NANOSECONDS.sleep(
          Math.max(0, run.start + scenario.after().toNanos() - System.nanoTime()));
      injected = network.inject(scenario);
      double from = (System.nanoTime() - run.start) / 1e9;
      run.fault(scenario.describe() + ": " + String.join(", ", injected.links));
      TimeUnit.NANOSECONDS.sleep(scenario.lasting().toNanos());
      injected.close();
      double to = (System.nanoTime() - run.start) / 1e9;
      run.fault(String.format("toxics removed after %.1f s", to - from));
      run.faultSummary =
          String.format(Locale.ROOT, "t+%.0f-%.0fs %s", from, to, scenario.describe());
      run.finish(load);
      Map<String, Integer> unexpected = FlashSaleChaos.unexpected(run.answers);
      run.checks.add(
          new Books.Check(
              "final answers only 200, 409 insufficient-stock, 503 order-compensated",
              unexpected.isEmpty(),
              unexpected.isEmpty() ? "no other" : "others " + unexpected));
      for (String saga : books.sagasNotCompleted(run.pid)) {
        run.note("saga closed without completing: " + saga);
      }
      List<Double> answered =
          run.answers.stream()
              .filter(CarefulClient.Order::finalAnswer)
              .map(CarefulClient.Order::answeredAfterSeconds)
              .toList();
      List<Recovery.Figure> recovery =
          Recovery.of(
              answered, List.of(new Recovery.Fault(scenario.name(), from, to)), count / perSecond);
      Recovery.Figure figure = recovery.getFirst();
      run.notes.add(figure.describe());
      run.figures.put("levelBeforePerSecond", figure.baselinePerSecond());
      run.figures.put("answersDuring", figure.answersDuring());
      run.figures.put("backTo90PercentAfterSeconds", figure.recoveredAfterSeconds());
      run.tableNote = "throughput " + Recovery.summary(recovery);
      return run;
    } finally {
      if (injected != null) {
        injected.close();
      }
      background.shutdownNow();
    }
  }

  private List<String> command(String jar) {
    return List.of(
        "java", "-Xmx" + args.get("xmx", "256m"), "-XX:TieredStopAtLevel=1", "-jar", jar);
  }

  /**
   * The sandbox payment provider, its own JVM as deployed beside the mall: it signs its callbacks
   * with the mall's MALL_PAY_WEBHOOK_SECRET and delivers them to {@code api}, each {@link
   * #CALLBACK_DELAY} late and {@link #CALLBACK_DUPLICATES} times more, retrying every 1-5 s.
   */
  private MallProcess sandbox(Path runDir, MallProcess api) throws IOException {
    String secret = System.getenv("MALL_PAY_WEBHOOK_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException("the payments scenario needs MALL_PAY_WEBHOOK_SECRET set");
    }
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("SANDBOX_WEBHOOK_SECRET", secret);
    environment.put("SANDBOX_WEBHOOK_URL", api.url() + "/api/pay/callback");
    environment.put("SANDBOX_DELIVERY_DELAY", CALLBACK_DELAY.toSeconds() + "s");
    environment.put("SANDBOX_DELIVERY_DUPLICATES", String.valueOf(CALLBACK_DUPLICATES));
    // Short backoffs and many attempts: a callback outlives a worker's restart, and the run stays
    // short (a real provider backs off for hours).
    environment.put("SANDBOX_DELIVERY_MAX_BACKOFF", "5s");
    environment.put("SANDBOX_DELIVERY_MAX_ATTEMPTS", "100");
    return new MallProcess(
        "sandbox", command(args.get("sandbox-jar")), environment, runDir, "/sandbox/v1/ledger");
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

  /**
   * 1,000 careful clients at once for stock 100 on a product of its own; the API and the product
   * worker each kill -9'd once at a random moment of the sale (when a random number of items has
   * been sold, {@link FlashSaleChaos#plan}) and started again 2-5 s later. After the books, the
   * API's stock gate for the product: not stuck open (one more order is turned away without a
   * saga), not stuck closed (stock put back is sold at once, and exactly).
   */
  private Run flashSale() throws Exception {
    Run run = new Run("flash-sale", 1000, 100);
    List<String> victims = List.of("api", "product-worker");
    List<FlashSaleChaos.Kill> plan = FlashSaleChaos.plan(random, victims, run.stock);
    ExecutorService background = Executors.newCachedThreadPool();
    List<Future<?>> restarts = new ArrayList<>();
    try {
      long saleStart = System.nanoTime();
      Future<List<CarefulClient.Order>> load = run.load(background, Double.POSITIVE_INFINITY);
      Map<String, Integer> inTheSale = new TreeMap<>();
      Map<String, Double> killedAfter = new LinkedHashMap<>();
      for (FlashSaleChaos.Kill kill : plan) {
        // The moment comes with the stock sold (read from the product database every 50 ms); a
        // sale that ends without reaching it gets the kill after its end, and fails its check.
        int sold = run.stock - books.stock(run.pid);
        while (sold < kill.whenSold() && !load.isDone()) {
          TimeUnit.MILLISECONDS.sleep(50);
          sold = run.stock - books.stock(run.pid);
        }
        MallProcess victim = processes.get(kill.victim());
        boolean duringSale = !load.isDone();
        victim.kill();
        long killedAt = System.nanoTime();
        if (duringSale) {
          inTheSale.merge(victim.name, 1, Integer::sum);
        }
        killedAfter.put(victim.name, (killedAt - saleStart) / 1e9);
        run.fault(
            String.format(
                "kill -9 %s %.1f s into the sale, %d sold (drawn: at %d)%s, restarted after %.1f s",
                victim.name,
                (killedAt - saleStart) / 1e9,
                sold,
                kill.whenSold(),
                duringSale ? "" : " AFTER the sale's last answer",
                kill.downFor().toMillis() / 1000.0));
        restarts.add(
            background.submit(
                () -> {
                  TimeUnit.NANOSECONDS.sleep(kill.downFor().toNanos());
                  victim.start();
                  victim.awaitReady(READY);
                  run.note(
                      String.format(
                          "%s ready again, %.1f s after its kill",
                          victim.name, (System.nanoTime() - killedAt) / 1e9));
                  return null;
                }));
      }
      for (Future<?> restart : restarts) {
        restart.get();
      }
      run.finish(load);
      killedAfter.forEach(
          (victim, seconds) ->
              run.notes.add(
                  String.format(
                      "%d final answers (%d x 200) came before the kill of %s",
                      run.answers.stream().filter(o -> o.answeredAfterSeconds() < seconds).count(),
                      run.answers.stream()
                          .filter(o -> o.placed() && o.answeredAfterSeconds() < seconds)
                          .count(),
                      victim)));
      for (String outcome : List.of("200", "409")) {
        var times =
            run.answers.stream()
                .filter(o -> o.finalAnswer() && outcome.equals(String.valueOf(o.status())))
                .mapToDouble(CarefulClient.Order::answeredAfterSeconds)
                .summaryStatistics();
        if (times.getCount() > 0) {
          run.notes.add(
              String.format(
                  "%d x %s answered from %.1f s to %.1f s into the sale",
                  times.getCount(), outcome, times.getMin(), times.getMax()));
        }
      }
      // A restarted API's gate knows nothing of the sagas its killed predecessor let through: it
      // may let through as many again, and those that lose their item answer 409 with an order
      // kept at status 9.
      long lost = books.ordersWithStatus(run.pid, "9");
      run.figures.put("ordersStatus9", lost);
      run.notes.add(
          lost + " order rows with status 9 (sagas that lost their item and compensated)");
      run.faultSummary =
          plan.size() + " x kill -9 " + inTheSale + " during the sale, each restarted after 2-5 s";
      run.checks.add(
          new Books.Check(
              "api and product-worker each killed during the sale",
              inTheSale.keySet().containsAll(victims),
              inTheSale.toString()));
      saleAnswers(run);
      gateChecks(run);
      return run;
    } finally {
      background.shutdownNow();
    }
  }

  private static final int PAYMENT_ORDERS = 40;
  private static final double PAYMENT_ORDERS_PER_SECOND = 4;
  private static final long PAYMENT_AMOUNT = 199;
  private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration CALLBACK_DELAY = Duration.ofSeconds(8);
  private static final Duration PROVIDER_QUERY_DELAY = Duration.ofSeconds(12);
  private static final int CALLBACK_DUPLICATES = 2;
  private static final List<String> PAYMENT_VICTIMS = List.of("pay-worker", "order-worker");
  private static final int KILLS_PER_VICTIM = 2;
  private static final Duration SETTLE = Duration.ofMinutes(5);

  /** One buyer of the payments scenario: the order's answer, its pay, what went wrong if any. */
  private record Buyer(
      CarefulClient.Order order, PaymentsChaos.Timing timing, String checkout, String trouble) {}

  /**
   * {@value #PAYMENT_ORDERS} orders (one item at {@value #PAYMENT_AMOUNT} each) on an API whose
   * orders wait {@link #PAYMENT_TIMEOUT} for payment; each buyer creates the pay and pays it at the
   * sandbox provider as {@link PaymentsChaos#plan} says (before the timeout, just before it, after
   * the cancellation, never), the provider delivering every callback {@link #CALLBACK_DELAY} late
   * and {@link #CALLBACK_DUPLICATES} times more - or, for the DROPPED timings, never, so that only
   * the order's provider query ({@link #PROVIDER_QUERY_DELAY}, then at the timer) finds them;
   * meanwhile the pay and order workers are each kill -9'd twice. Once settled, the mall's books
   * and the provider's ledger must agree.
   */
  private Run payments() throws Exception {
    Path runDir = Path.of(args.get("run-dir"));
    MallProcess sandbox = processes.get("sandbox");
    MallProcess api =
        process(
            runDir,
            "payments-api",
            args.get("api-jar"),
            Map.of(
                "MALL_ORDER_PAYMENT_TIMEOUT",
                PAYMENT_TIMEOUT.toSeconds() + "s",
                "MALL_ORDER_PROVIDER_QUERY_DELAY",
                PROVIDER_QUERY_DELAY.toSeconds() + "s"));
    processes.put(api.name, api);
    api.start();
    api.awaitReady(READY);
    ExecutorService background = Executors.newCachedThreadPool();
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try {
      Run run = new Run("payments", PAYMENT_ORDERS, PAYMENT_ORDERS, PAYMENT_AMOUNT);
      CarefulClient buyers = new CarefulClient(api.url(), tokens, ANSWER_DEADLINE, clientLogStream);
      List<PaymentsChaos.Payment> plan =
          PaymentsChaos.plan(
              random, PAYMENT_ORDERS, PAYMENT_TIMEOUT, CALLBACK_DELAY, PROVIDER_QUERY_DELAY);
      List<PaymentsChaos.Kill> kills =
          PaymentsChaos.kills(random, PAYMENT_VICTIMS, KILLS_PER_VICTIM);
      String prefix = "chaos-payments-" + UUID.randomUUID().toString().substring(0, 8) + "-";
      List<Future<Buyer>> load = new ArrayList<>();
      for (PaymentsChaos.Payment payment : plan) {
        long sendAt = run.start + (long) (payment.index() * 1e9 / PAYMENT_ORDERS_PER_SECOND);
        load.add(
            background.submit(
                () -> {
                  TimeUnit.NANOSECONDS.sleep(Math.max(0, sendAt - System.nanoTime()));
                  return buy(http, buyers, api, sandbox, run, prefix, payment);
                }));
      }
      Map<String, Integer> inFlight = new ConcurrentHashMap<>();
      List<Future<?>> killers = new ArrayList<>();
      for (String victim : PAYMENT_VICTIMS) {
        List<PaymentsChaos.Kill> its =
            kills.stream().filter(kill -> kill.victim().equals(victim)).toList();
        killers.add(
            background.submit(
                () -> {
                  MallProcess process = processes.get(victim);
                  for (PaymentsChaos.Kill kill : its) {
                    TimeUnit.NANOSECONDS.sleep(kill.after().toNanos());
                    boolean during = load.stream().anyMatch(buyer -> !buyer.isDone());
                    process.kill();
                    long killedAt = System.nanoTime();
                    if (during) {
                      inFlight.merge(victim, 1, Integer::sum);
                    }
                    run.fault(
                        String.format(
                            "kill -9 %s%s, restarted after %.1f s",
                            victim,
                            during ? "" : " (every buyer done)",
                            kill.downFor().toMillis() / 1000.0));
                    TimeUnit.NANOSECONDS.sleep(kill.downFor().toNanos());
                    process.start();
                    process.awaitReady(READY);
                    run.note(
                        String.format(
                            "%s ready again, %.1f s after its kill",
                            victim, (System.nanoTime() - killedAt) / 1e9));
                  }
                  return null;
                }));
      }
      List<Buyer> done = new ArrayList<>();
      for (Future<Buyer> buyer : load) {
        done.add(buyer.get());
      }
      for (Future<?> killer : killers) {
        killer.get();
      }
      run.answers = done.stream().map(Buyer::order).toList();
      run.lastAnswerSeconds =
          run.answers.stream()
              .mapToDouble(CarefulClient.Order::answeredAfterSeconds)
              .max()
              .orElse(0);
      run.longestWaitSeconds =
          run.answers.stream().mapToDouble(CarefulClient.Order::secondsToAnswer).max().orElse(0);

      Map<Long, PaymentsChaos.Timing> timings = new LinkedHashMap<>();
      for (Buyer buyer : done) {
        if (buyer.order().placed()) {
          timings.put(buyer.order().orderId(), buyer.timing());
        }
      }
      // Settled when every order and pay is final and every capture's callback has arrived, and
      // no saga or refund is still running: polled, with a generous bound.
      long settleStart = System.nanoTime();
      List<PaymentsChaos.OrderBook> orderBooks = books.paymentBooks(timings);
      List<PaymentsChaos.LedgerEntry> ledger = ledger(http, sandbox);
      boolean settled = books.running(run.pid) == 0 && PaymentsChaos.settled(orderBooks, ledger);
      while (!settled && System.nanoTime() - settleStart < SETTLE.toNanos()) {
        TimeUnit.SECONDS.sleep(1);
        orderBooks = books.paymentBooks(timings);
        ledger = ledger(http, sandbox);
        settled = books.running(run.pid) == 0 && PaymentsChaos.settled(orderBooks, ledger);
      }
      double settledAfter = Math.round((System.nanoTime() - settleStart) / 1e8) / 10.0;
      run.drainSeconds = settled ? settledAfter : null;
      run.checks.add(
          new Books.Check(
              "settled: every order paid or cancelled, every capture's callback applied, nothing"
                  + " running",
              settled,
              settled ? settledAfter + " s after the last buyer" : "not within " + SETTLE));
      List<String> troubles =
          done.stream()
              .filter(buyer -> buyer.trouble() != null)
              .map(buyer -> buyer.order().key() + ": " + buyer.trouble())
              .toList();
      run.checks.add(
          new Books.Check(
              "every buyer placed the order, created the pay and paid as planned",
              troubles.isEmpty(),
              troubles.isEmpty() ? "all " + done.size() : troubles.toString()));
      run.checks.addAll(books.check(run.pid, run.stock, run.answers, "1, 9"));
      long running = books.running(run.pid);
      run.checks.add(
          new Books.Check(
              "no saga nor refund workflow left running", running == 0, running + " running"));
      run.checks.addAll(PaymentsChaos.check(orderBooks, ledger));
      Map<String, Integer> droppedAttempts = new TreeMap<>();
      for (Buyer buyer : done) {
        if (buyer.timing().dropsCallbacks() && buyer.checkout() != null) {
          droppedAttempts.put(buyer.checkout(), deliveryAttempts(http, sandbox, buyer.checkout()));
        }
      }
      run.checks.add(PaymentsChaos.neverDelivered(droppedAttempts));
      run.checks.add(
          new Books.Check(
              "pay-worker and order-worker each killed while buyers were still at it",
              inFlight.keySet().containsAll(PAYMENT_VICTIMS),
              inFlight.toString()));

      Map<PaymentsChaos.Timing, Map<String, Integer>> outcomes = PaymentsChaos.outcomes(orderBooks);
      run.figures.put("paymentOutcomes", outcomes);
      long captures =
          ledger.stream().filter(e -> PaymentsChaos.LedgerEntry.CAPTURE.equals(e.kind())).count();
      long refunds = ledger.size() - captures;
      run.figures.put("ledger", Map.of("captures", captures, "refunds", refunds));
      run.notes.add("outcomes by timing " + outcomes);
      run.notes.add("the provider's ledger: " + captures + " captures, " + refunds + " refunds");
      run.faultSummary =
          kills.size()
              + " x kill -9 "
              + inFlight
              + " while buyers were at it, each restarted after 2-5 s; callbacks "
              + CALLBACK_DELAY.toSeconds()
              + " s late, each delivered "
              + (1 + CALLBACK_DUPLICATES)
              + " times, "
              + droppedAttempts.size()
              + " payments' callbacks dropped; payment timeout "
              + PAYMENT_TIMEOUT.toSeconds()
              + " s, provider query after "
              + PROVIDER_QUERY_DELAY.toSeconds()
              + " s and at the timeout";
      run.tableNote =
          "outcomes " + outcomes + "; ledger " + captures + " captures, " + refunds + " refunds";
      return run;
    } finally {
      background.shutdownNow();
      api.stop();
      processes.remove(api.name);
    }
  }

  /** One buyer: places the order, creates its pay and pays it at the provider as planned. */
  private Buyer buy(
      HttpClient http,
      CarefulClient buyers,
      MallProcess api,
      MallProcess sandbox,
      Run run,
      String prefix,
      PaymentsChaos.Payment payment)
      throws Exception {
    int user = payment.index();
    CarefulClient.Order order =
        buyers.placeCarefully(prefix + payment.index(), user, run.pid, run.start);
    if (!order.placed()) {
      return new Buyer(order, payment.timing(), null, "order answered " + order.outcome());
    }
    long placedAt = System.nanoTime();
    Instant placed = Instant.now();
    HttpRequest create =
        HttpRequest.newBuilder(URI.create(api.url() + "/api/pay/create"))
            .timeout(Duration.ofSeconds(90))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + tokens.get(user % tokens.size()))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.write(Map.of("oid", order.orderId(), "amount", PAYMENT_AMOUNT))))
            .build();
    HttpResponse<String> created = carefully(http, create, order.key() + " pay/create");
    if (created.statusCode() != 200) {
      return new Buyer(
          order,
          payment.timing(),
          null,
          "pay/create answered " + created.statusCode() + " " + created.body());
    }
    String checkout = Json.read(created.body()).get("checkout").asText();
    switch (payment.timing()) {
      case PROMPT, LATE ->
          TimeUnit.NANOSECONDS.sleep(
              Math.max(0, placedAt + payment.payAfter().toNanos() - System.nanoTime()));
      case DROPPED, DROPPED_LATE -> {
        Optional<Instant> payAt =
            PaymentsChaos.droppedPayAt(
                placed,
                payment.payAfter(),
                books.sagaStart(order.orderId()),
                PAYMENT_TIMEOUT,
                Instant.now());
        if (payAt.isEmpty()) {
          run.note(
              String.format(
                  "order %d (%s) not paid: its pay came too close to the payment timeout",
                  order.orderId(), payment.timing()));
          return new Buyer(order, PaymentsChaos.Timing.NEVER, checkout, null);
        }
        TimeUnit.MILLISECONDS.sleep(
            Math.max(0, Duration.between(Instant.now(), payAt.get()).toMillis()));
      }
      case AFTER_CANCEL -> {
        long giveUpAt = System.nanoTime() + PAYMENT_TIMEOUT.plus(READY).toNanos();
        while (books.orderStatus(order.orderId()) != PaymentsChaos.ORDER_CANCELLED) {
          if (System.nanoTime() > giveUpAt) {
            return new Buyer(
                order,
                payment.timing(),
                checkout,
                "order not cancelled within " + PAYMENT_TIMEOUT.plus(READY));
          }
          TimeUnit.MILLISECONDS.sleep(500);
        }
        TimeUnit.NANOSECONDS.sleep(payment.payAfter().toNanos());
      }
      case NEVER -> {
        return new Buyer(order, payment.timing(), checkout, null);
      }
    }
    // Answers once the (delayed) first delivery attempt has finished, whatever it got; at once when
    // the callbacks are dropped.
    HttpRequest pay =
        HttpRequest.newBuilder(
                URI.create(sandbox.url() + "/sandbox/v1/checkouts/" + checkout + "/pay"))
            .timeout(Duration.ofSeconds(90))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    Json.write(Map.of("dropEvents", payment.timing().dropsCallbacks()))))
            .build();
    HttpResponse<String> paid = carefully(http, pay, order.key() + " sandbox pay");
    return new Buyer(
        order,
        payment.timing(),
        checkout,
        paid.statusCode() == 200
            ? null
            : "the sandbox's pay answered " + paid.statusCode() + " " + paid.body());
  }

  /** Sends {@code request} again after a 5xx or a dropped connection, backing off 1-5 s. */
  private HttpResponse<String> carefully(HttpClient http, HttpRequest request, String what)
      throws InterruptedException, IOException {
    long giveUpAt = System.nanoTime() + ANSWER_DEADLINE.toNanos();
    for (int attempt = 1; ; attempt++) {
      String answer;
      try {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() < 500) {
          return response;
        }
        answer = response.statusCode() + " " + CarefulClient.problemType(response.body());
      } catch (IOException e) {
        answer = Outcomes.of(e);
        if (System.nanoTime() > giveUpAt) {
          throw e;
        }
      }
      clientLogStream.printf("%s %s: %s, retrying%n", Instant.now(), what, answer);
      if (System.nanoTime() > giveUpAt) {
        throw new IOException(what + ": no answer below 500 within " + ANSWER_DEADLINE);
      }
      TimeUnit.SECONDS.sleep(Math.min(5, attempt));
    }
  }

  /** How many delivery attempts the provider made of checkout {@code id}'s events, in all. */
  private static int deliveryAttempts(HttpClient http, MallProcess sandbox, String id)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.url() + "/sandbox/v1/checkouts/" + id))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("the sandbox's checkout " + id + " answered " + answer.statusCode());
    }
    int attempts = 0;
    for (JsonNode event : Json.read(answer.body()).get("events")) {
      attempts += event.get("attempts").asInt();
    }
    return attempts;
  }

  /** The sandbox provider's ledger: every capture and refund. */
  private static List<PaymentsChaos.LedgerEntry> ledger(HttpClient http, MallProcess sandbox)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(sandbox.url() + "/sandbox/v1/ledger"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IOException("the sandbox's ledger answered " + answer.statusCode());
    }
    List<PaymentsChaos.LedgerEntry> entries = new ArrayList<>();
    for (JsonNode entry : Json.read(answer.body()).get("entries")) {
      entries.add(
          new PaymentsChaos.LedgerEntry(
              entry.get("kind").asText(),
              entry.get("checkout").asText(),
              entry.get("amount").asLong()));
    }
    return entries;
  }

  /**
   * The sale's answers: 200 and 409 only (a 503 order-compensated counted apart), stock sold out.
   */
  private void saleAnswers(Run run) throws Exception {
    Map<String, Integer> unexpected = FlashSaleChaos.unexpected(run.answers);
    long compensated =
        run.answers.stream().filter(order -> order.status() == 503 && order.finalAnswer()).count();
    run.checks.add(
        new Books.Check(
            "final answers only 200 and 409 insufficient-stock (or 503 order-compensated)",
            unexpected.isEmpty(),
            (unexpected.isEmpty() ? "no other" : "others " + unexpected)
                + ", "
                + compensated
                + " x 503 order-compensated"));
    long placed = run.answers.stream().filter(CarefulClient.Order::placed).count();
    run.checks.add(
        new Books.Check(
            "exactly " + run.stock + " answered 200",
            placed == run.stock,
            placed + " answered 200"));
    int left = books.stock(run.pid);
    run.checks.add(new Books.Check("stock left 0", left == 0, "stock " + left));
  }

  private static final int RESTOCK = 5;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The stock gate of the (restarted) API after the sale. Not stuck open: one more order for the
   * sold-out product is 409 insufficient-stock, and no OrderSaga execution nor order row is added.
   * Not stuck closed: once the owner puts {@link #RESTOCK} items back, the first order sent gets
   * through (the time until its saga started is reported), the next ones up to {@link #RESTOCK} are
   * placed, the one after is 409 - and the books balance again with the probes counted.
   */
  private void gateChecks(Run run) throws Exception {
    String prefix = "chaos-gate-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    List<CarefulClient.Order> probes = new ArrayList<>();

    long sagasBefore = books.sagaCount(run.pid);
    long rowsBefore = books.orderRows(run.pid);
    CarefulClient.Order soldOut = client.once(prefix + "sold-out", 1, run.pid, PROBE_TIMEOUT);
    probes.add(soldOut);
    long sagasAfter = books.sagaCount(run.pid);
    long rowsAfter = books.orderRows(run.pid);
    run.checks.add(
        new Books.Check(
            "gate not stuck open: one more order is 409 insufficient-stock, no saga, no order row",
            turnedAway(soldOut) && sagasAfter == sagasBefore && rowsAfter == rowsBefore,
            String.format(
                "%s after %.0f ms; OrderSaga executions %d -> %d, order rows %d -> %d",
                answer(soldOut),
                soldOut.secondsToAnswer() * 1000,
                sagasBefore,
                sagasAfter,
                rowsBefore,
                rowsAfter)));

    int stock = books.stock(run.pid);
    mall.call(
        "/api/product/update",
        owner,
        Map.of(
            "id",
            run.pid,
            "name",
            "chaos-" + run.name,
            "desc",
            "temporal-mall bench tools",
            "stock",
            stock + RESTOCK,
            "amount",
            1,
            "status",
            1));
    long backAt = System.nanoTime();
    Instant backAtWall = Instant.now();
    run.note("stock " + stock + " -> " + (stock + RESTOCK) + " (product/update answered)");

    // The gate judges each request on a stock read that starts after the request arrived, so the
    // first order sent after product/update answered must get through; how long its saga took to
    // start is a figure of the run (the issue asks for <= 1 s), not a check that a busy machine
    // could fail.
    CarefulClient.Order first = client.once(prefix + "reopen", 2, run.pid, PROBE_TIMEOUT);
    probes.add(first);
    double answeredMs = (System.nanoTime() - backAt) / 1e6;
    Long admittedMs =
        first.placed()
            ? Duration.between(backAtWall, books.sagaStart(first.orderId())).toMillis()
            : null;
    run.figures.put("gateReopenMs", admittedMs);
    run.figures.put("gateFirstPlacedMs", first.placed() ? Math.round(answeredMs) : null);
    run.checks.add(
        new Books.Check(
            "gate not stuck closed: the first order after the stock came back is placed",
            first.placed(),
            first.placed()
                ? String.format(
                    "its saga started %d ms after product/update answered, 200 after %.0f ms",
                    admittedMs, answeredMs)
                : answer(first)));
    if (first.placed()) {
      run.tableNote = String.format("gate reopened in %.2f s", admittedMs / 1000.0);
      run.note(
          String.format(
              "gate reopened: saga started %d ms after the restock, 200 after %.0f ms",
              admittedMs, answeredMs));
    }

    List<String> restocked = new ArrayList<>();
    int placed = first.placed() ? 1 : 0;
    for (int i = 1; i < RESTOCK; i++) {
      CarefulClient.Order next =
          client.once(prefix + "restocked-" + i, 2 + i, run.pid, PROBE_TIMEOUT);
      probes.add(next);
      restocked.add(answer(next));
      placed += next.placed() ? 1 : 0;
    }
    CarefulClient.Order oneTooMany =
        client.once(prefix + "one-too-many", 7, run.pid, PROBE_TIMEOUT);
    probes.add(oneTooMany);
    restocked.add(answer(oneTooMany));
    run.checks.add(
        new Books.Check(
            "the " + RESTOCK + " put back sold exactly: " + RESTOCK + " x 200, then 409",
            placed == RESTOCK && turnedAway(oneTooMany),
            placed + " x 200 in all; after the first: " + restocked));

    int restockedStock = run.stock + RESTOCK;
    Duration drained = books.drain(run.pid, restockedStock, DRAIN);
    run.checks.add(
        new Books.Check(
            "after the restock: drained",
            drained != null,
            drained == null ? "not within " + DRAIN : drained.toMillis() + " ms"));
    List<CarefulClient.Order> all = new ArrayList<>(run.answers);
    all.addAll(probes);
    for (Books.Check check : books.check(run.pid, restockedStock, all)) {
      run.checks.add(
          new Books.Check("after the restock: " + check.name(), check.ok(), check.detail()));
    }
  }

  private static boolean turnedAway(CarefulClient.Order order) {
    return order.finalAnswer()
        && order.status() == 409
        && "insufficient-stock".equals(order.problem());
  }

  private static String answer(CarefulClient.Order order) {
    if (order.status() == 0) {
      return String.valueOf(order.problem());
    }
    return order.status() + (order.problem() == null ? "" : " " + order.problem());
  }

  // The scenarios kept in classes of their own (ProcessPauses) reach the suite through these.

  Run newRun(String name, int orders, int stock) throws Exception {
    return new Run(name, orders, stock);
  }

  CarefulClient client() {
    return client;
  }

  Books books() {
    return books;
  }

  Random random() {
    return random;
  }

  MallProcess mallProcess(String name) {
    return processes.get(name);
  }

  /** The mall's JVMs, by name (the API and each worker; the sandbox too with payments). */
  Set<String> mallProcesses() {
    return processes.keySet();
  }

  String engine() {
    return args.get("engine", "Temporal dev server");
  }

  /** {@code scripts/chaos.sh server <action>}: a fault or recovery of MariaDB or Temporal. */
  void serverControl(String action) throws IOException, InterruptedException {
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
    for (Object note : (List<?>) summary.getOrDefault("notes", List.of())) {
      line.append("\n  note   ").append(note);
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
              "| %s | %s (%s) | %s | %s | %s | %s s | %s s | %s s | %d/%d %s%s |\n",
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
              passed == checks.size() ? "OK" : "FAILED",
              summary.containsKey("tableNote") ? "; " + cell.apply(summary.get("tableNote")) : ""));
    }
    return table.toString();
  }
}
