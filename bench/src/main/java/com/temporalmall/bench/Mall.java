package com.temporalmall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** The HTTP side: the mall's users and products for the bench, closed-loop load, the flash sale. */
final class Mall {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private final HttpClient http;
  private final String base;

  Mall(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .executor(Executors.newFixedThreadPool(4))
            .build();
  }

  HttpRequest request(String path, String token, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }

  int status(String path, String token, String body) throws IOException, InterruptedException {
    return http.send(request(path, token, body), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  JsonNode call(String path, String token, Object body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request(path, token, Json.write(body)), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return Json.read(response.body());
  }

  /**
   * `setup --base URL --users N --stock S --flash-stock F [--flash-products K] [--sold-out-products
   * Z] --out state.json`: N users (registered and logged in, 8 at a time), a product with stock S
   * for the loads, K (1) products with stock F for flash sales ("flashPids"; "flashPid" is the
   * first), Z (0) products with stock 0 ("soldOutPids"), and one order of the first user for
   * order/detail.
   */
  static void setup(Args args) throws Exception {
    Mall mall = new Mall(args.get("base"));
    List<String> tokenList = mall.registerUsers(args.integer("users", 32), "bench");
    String owner = tokenList.get(0);
    long loadPid = mall.product(owner, "bench-load", args.integer("stock", 1_000_000));
    List<Long> flashPids = new ArrayList<>();
    for (int i = 0; i < Math.max(1, args.integer("flash-products", 1)); i++) {
      flashPids.add(mall.product(owner, "bench-flash-sale", args.integer("flash-stock", 100)));
    }
    List<Long> soldOutPids = new ArrayList<>();
    for (int i = 0; i < args.integer("sold-out-products", 0); i++) {
      soldOutPids.add(mall.product(owner, "bench-sold-out", 0));
    }
    long orderId = mall.call("/api/order/create", owner, Map.of("pid", loadPid)).get("id").asLong();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("tokens", tokenList);
    state.put("loadPid", loadPid);
    state.put("flashPid", flashPids.get(0));
    state.put("flashPids", flashPids);
    state.put("soldOutPids", soldOutPids);
    state.put("orderId", orderId);
    Json.write(Path.of(args.get("out")), state);
  }

  /** Registers and logs in {@code users} new users, 8 at a time; their access tokens in order. */
  List<String> registerUsers(int users, String prefix)
      throws InterruptedException, ExecutionException {
    String run = String.valueOf(System.currentTimeMillis() % 10_000_000_000L);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> tokens = new ArrayList<>();
      for (int i = 0; i < users; i++) {
        String mobile = "1" + run + String.format("%03d", i);
        tokens.add(
            pool.submit(
                () -> {
                  call(
                      "/api/user/register",
                      null,
                      Map.of(
                          "name",
                          prefix + "-" + mobile,
                          "gender",
                          0,
                          "mobile",
                          mobile,
                          "password",
                          prefix + "-pass"));
                  return call(
                          "/api/user/login",
                          null,
                          Map.of("mobile", mobile, "password", prefix + "-pass"))
                      .get("accessToken")
                      .asText();
                }));
      }
      List<String> tokenList = new ArrayList<>();
      for (Future<String> token : tokens) {
        tokenList.add(token.get());
      }
      return tokenList;
    } finally {
      pool.shutdown();
    }
  }

  long product(String token, String name, int stock) throws IOException, InterruptedException {
    return product(token, name, stock, 1);
  }

  /** A product of {@code token}'s user with {@code stock} items at {@code amount} each; its id. */
  long product(String token, String name, int stock, long amount)
      throws IOException, InterruptedException {
    return call(
            "/api/product/create",
            token,
            Map.of(
                "name",
                name,
                "desc",
                "temporal-mall bench tools",
                "stock",
                stock,
                "amount",
                amount,
                "status",
                1))
        .get("id")
        .asLong();
  }

  private static List<String> tokens(Args args) throws IOException {
    List<String> tokens = new ArrayList<>();
    Json.read(Path.of(args.get("state")))
        .get("tokens")
        .forEach(token -> tokens.add(token.asText()));
    return tokens;
  }

  /**
   * `http --base URL --path P --body JSON --state state.json --connections N --seconds S --warmup W
   * --scenario NAME --topology T [--threads MODE] [--user U] [--expect STATUS] [--cpu name=pid,...
   * [--clock-ticks HZ]] --out F`: closed loop, connection i sending as user i (or all as user U,
   * e.g. for a resource only its owner may read); throughput and latencies are over 2xx answers, or
   * over answers with the status --expect names (409 for order/create on a sold-out product); with
   * --cpu, CPU ms per such answer of those processes (see {@link Cpu}) over the measured window.
   * With `--requests M` (and `--warmup-requests N`, `--engine-metrics URL`, `--idle-seconds I`) a
   * cost point counted in requests instead: see {@link ClosedLoop#fromArgs}.
   */
  static void load(Args args) throws Exception {
    Mall mall = new Mall(args.get("base"));
    List<String> tokens = tokens(args);
    String path = args.get("path");
    String body = args.get("body");
    int user = args.integer("user", -1);
    int expect = args.integer("expect", 0);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("kind", ClosedLoop.counted(args) ? "cost" : "load");
    result.put("scenario", args.get("scenario", path));
    result.put("topology", args.get("topology"));
    putThreads(result, args);
    putVariant(result, args);
    if (expect != 0) {
      result.put("counted", expect);
    }
    result.putAll(
        ClosedLoop.fromArgs(
            args,
            args.integer("connections", 1),
            i -> {
              String token = tokens.get(user >= 0 ? user : i % tokens.size());
              return () -> mall.status(path, token, body);
            },
            expect != 0 ? status -> status == expect : ClosedLoop::success));
    Json.write(Path.of(args.get("out")), result);
    System.out.println(Json.write(result));
  }

  /**
   * `flash --base URL --pid ID --requests N [--connections C] --state state.json --topology T
   * [--threads MODE] [--cpu name=pid,... [--clock-ticks HZ]] --out F`: N order requests for one
   * product (the users taking turns), at most C (N: all at once) in flight at any moment - a
   * request is sent as soon as an earlier one is answered, over the client's pool of HTTP/1.1
   * connections, which so holds at most C busy connections. Answers counted by status (with the
   * problem type for any but 200 and 409), and requests that got none; the time of the last 200 is
   * the time to sell out, the time until the last answer the sale's length. With --cpu, CPU ms per
   * placed order (200) from the first request sent to the last answer.
   */
  static void flash(Args args) throws Exception {
    Mall mall = new Mall(args.get("base"));
    List<String> tokens = tokens(args);
    int requests = args.integer("requests", 1000);
    int connections = Math.max(1, Math.min(requests, args.integer("connections", requests)));
    long pid = Long.parseLong(args.get("pid"));
    String body = Json.write(Map.of("pid", pid));
    HttpClient burst =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60))
            .executor(Executors.newFixedThreadPool(8))
            .build();
    Semaphore inFlight = new Semaphore(connections);
    Map<String, Integer> outcomes = new TreeMap<>();
    Latencies placed = new Latencies();
    Cpu cpu = Cpu.fromArgs(args);
    Cpu.Snapshot cpuBefore = cpu == null ? null : cpu.snapshot();
    long start = System.nanoTime();
    List<CompletableFuture<Void>> answers = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      inFlight.acquire();
      answers.add(
          burst
              .sendAsync(
                  mall.request("/api/order/create", tokens.get(i % tokens.size()), body),
                  HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, failure) -> {
                    String outcome = failure != null ? Outcomes.of(failure) : outcome(response);
                    if (failure == null && response.statusCode() == 200) {
                      placed.record(System.nanoTime() - start);
                    }
                    synchronized (outcomes) {
                      outcomes.merge(outcome, 1, Integer::sum);
                    }
                    inFlight.release();
                    return null;
                  }));
    }
    CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    double seconds = (System.nanoTime() - start) / 1e9;
    Cpu.Snapshot cpuAfter = cpu == null ? null : cpu.snapshot();
    int ok = outcomes.getOrDefault("200", 0);
    int rejected = outcomes.getOrDefault("409", 0);
    int unanswered =
        outcomes.entrySet().stream()
            .filter(e -> e.getKey().startsWith("error:"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("kind", "flash");
    result.put("topology", args.get("topology"));
    putThreads(result, args);
    result.put("product", pid);
    result.put("requests", requests);
    result.put("connections", connections);
    result.put("outcomes", outcomes);
    result.put("placed", ok);
    result.put("rejected", rejected);
    result.put("other", requests - ok - rejected);
    result.put("unanswered", unanswered);
    result.put("secondsToLastAnswer", Math.round(seconds * 100) / 100.0);
    result.put("lastPlacedAfterMs", placed.summary().get("maxMs"));
    if (cpu != null) {
      result.put("cpu", cpu.perOrder(cpuBefore, cpuAfter, ok));
    }
    Json.write(Path.of(args.get("out")), result);
    System.out.println(Json.write(result));
  }

  /**
   * A flash sale's answer as an outcome: its status, and for any status but 200 and 409 the problem
   * type's slug too ("503 database-unavailable"), so that the report tells what went wrong.
   */
  static String outcome(HttpResponse<String> response) {
    int status = response.statusCode();
    if (status == 200 || status == 409) {
      return String.valueOf(status);
    }
    try {
      String type = Json.read(response.body()).path("type").asText("");
      return type.isEmpty() ? String.valueOf(status) : status + " " + type.replaceAll(".*/", "");
    } catch (RuntimeException notJson) {
      return String.valueOf(status);
    }
  }

  /** The variant of a cost point (its JVMs' extra options, by name), when the caller names one. */
  static void putVariant(Map<String, Object> result, Args args) {
    String variant = args.get("variant", "");
    if (!variant.isBlank()) {
      result.put("variant", variant);
    }
  }

  /** The mall JVMs' thread mode (platform or virtual), when the caller names it. */
  private static void putThreads(Map<String, Object> result, Args args) {
    String threads = args.get("threads", null);
    if (threads != null) {
      result.put("threads", threads);
    }
  }
}
