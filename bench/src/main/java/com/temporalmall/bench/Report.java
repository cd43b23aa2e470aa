package com.temporalmall.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.errorprone.annotations.FormatMethod;
import com.google.errorprone.annotations.FormatString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * `report --dir D --out F`: the result fragments of one run (one JSON file each, in name order) as
 * tables on stdout (Markdown) and one JSON document; exits 1 if a consistency check, a flash sale's
 * books or a sold-out point's check (every answer 409, no order row, no execution) failed.
 * Fragments may name the mall JVMs' thread mode ("threads": platform or virtual); the figures of
 * each mode stand side by side.
 */
final class Report {
  static final String ENGINE = "engine probe (plain)";
  static final String ORDER_SHAPED = "order-shaped probe";
  static final String ORDER_CREATE = "order/create";
  static final String SOLD_OUT = "order/create sold out";

  private final List<JsonNode> fragments;
  private final StringBuilder out = new StringBuilder();

  Report(List<JsonNode> fragments) {
    this.fragments = fragments;
  }

  static void main(Args args) throws IOException {
    List<JsonNode> fragments = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(args.get("dir")))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        fragments.add(Json.read(file));
      }
    }
    Report report = new Report(fragments);
    ObjectNode json = report.build();
    Path target = Path.of(args.get("out"));
    Json.write(target, json);
    System.out.print(report.out);
    System.out.println("\nJSON: " + target.toAbsolutePath());
    if (!json.get("checksPassed").asBoolean()) {
      System.out.println(
          "FAILED: a consistency check, a flash sale's books or a sold-out check (see above)");
      System.exit(1);
    }
  }

  private Stream<JsonNode> kind(String kind) {
    return fragments.stream().filter(f -> kind.equals(f.path("kind").asText()));
  }

  /** The Temporal engine a fragment was measured on (`dev` for fragments that do not say). */
  static String engine(JsonNode fragment) {
    return fragment.path("engine").asText("dev");
  }

  /**
   * The engines of the run, in the order they ran (the standalone startup runs on none: its
   * in-process test server).
   */
  List<String> engines() {
    return fragments.stream()
        .filter(f -> !"startup".equals(f.path("kind").asText()))
        .map(Report::engine)
        .distinct()
        .toList();
  }

  /** The mall JVMs' thread modes of the run, in the order they first ran (empty if none named). */
  List<String> threadModes() {
    return fragments.stream()
        .map(f -> f.path("threads").asText(""))
        .filter(t -> !t.isEmpty())
        .distinct()
        .toList();
  }

  /** The thread mode of a fragment, or null if it names none (probes, older fragments). */
  static String threads(JsonNode fragment) {
    String threads = fragment.path("threads").asText("");
    return threads.isEmpty() ? null : threads;
  }

  private static boolean sameThreads(String threads, JsonNode fragment) {
    return threads == null || threads.equals(threads(fragment));
  }

  private Stream<JsonNode> points(String engine, String scenario, String topology, String threads) {
    return kind("load")
        .filter(p -> engine.equals(engine(p)))
        .filter(p -> scenario.equals(p.path("scenario").asText()))
        .filter(p -> topology == null || topology.equals(p.path("topology").asText()))
        .filter(p -> sameThreads(threads, p));
  }

  Double p50AtOne(String engine, String scenario, String topology) {
    return p50AtOne(engine, scenario, topology, null);
  }

  /** p50 of the point at concurrency 1 (of that thread mode; any mode if null). */
  Double p50AtOne(String engine, String scenario, String topology, String threads) {
    return points(engine, scenario, topology, threads)
        .filter(p -> p.path("concurrency").asInt() == 1 && p.has("p50Ms"))
        .map(p -> p.get("p50Ms").asDouble())
        .findFirst()
        .orElse(null);
  }

  Double peak(String engine, String scenario, String topology) {
    return peak(engine, scenario, topology, null);
  }

  Double peak(String engine, String scenario, String topology, String threads) {
    return points(engine, scenario, topology, threads)
        .map(p -> p.path("perSecond").asDouble())
        .max(Double::compare)
        .orElse(null);
  }

  /**
   * The box's busy CPU ms per placed order at the highest concurrency of order/create (of that
   * engine, topology and thread mode).
   */
  Double boxCpuAtTop(String engine, String topology, String threads) {
    return cpuAtTop(engine, topology, threads, "boxBusyMsPerOrder");
  }

  /**
   * The measured processes' CPU ms per placed order (their sum) at the highest concurrency of
   * order/create: unlike the box's, it leaves out whatever else ran on the machine.
   */
  Double processesCpuAtTop(String engine, String topology, String threads) {
    return cpuAtTop(engine, topology, threads, "sumMsPerOrder");
  }

  private Double cpuAtTop(String engine, String topology, String threads, String figure) {
    return points(engine, ORDER_CREATE, topology, threads)
        .filter(p -> p.path("cpu").path(figure).isNumber())
        .max(
            (a, b) -> Integer.compare(a.path("concurrency").asInt(), b.path("concurrency").asInt()))
        .map(p -> p.path("cpu").path(figure).asDouble())
        .orElse(null);
  }

  /** That flash sale (by its label) of that thread mode (of the first engine that ran one). */
  private JsonNode flashOf(String threads, String sale) {
    return kind("flash")
        .filter(f -> sameThreads(threads, f))
        .filter(f -> sale.equals(saleLabel(f)))
        .findFirst()
        .orElse(null);
  }

  private static Double number(JsonNode node) {
    return node != null && node.isNumber() ? node.asDouble() : null;
  }

  private static String f(Object value) {
    if (value == null) {
      return "-";
    }
    if (value instanceof JsonNode node) {
      return node.isMissingNode() || node.isNull()
          ? "-"
          : node.isNumber() ? f(node.asDouble()) : node.asText();
    }
    if (value instanceof Double d) {
      return d >= 100 || d == Math.rint(d)
          ? String.format(Locale.ROOT, "%.0f", d)
          : String.format(Locale.ROOT, "%.1f", d);
    }
    return String.valueOf(value);
  }

  /** CPU ms per order: 3 significant digits at most, 2 decimals below 10. */
  static String cpuMs(JsonNode value) {
    if (value == null || !value.isNumber()) {
      return "-";
    }
    double d = value.asDouble();
    return String.format(Locale.ROOT, d >= 100 ? "%.0f" : d >= 10 ? "%.1f" : "%.2f", d);
  }

  @FormatMethod
  private void line(@FormatString String format, Object... values) {
    out.append(String.format(Locale.ROOT, format, values)).append('\n');
  }

  ObjectNode build() {
    ObjectNode json = Json.MAPPER.createObjectNode();
    List<String> engines = engines();
    ArrayNode environments = json.putArray("environments");
    kind("env")
        .forEach(
            env -> {
              environments.add(env);
              line(
                  "Benchmark %s (engine %s): %s cores (%s), %s; Temporal %s, dynamic config %s; %s s per point.",
                  f(env.path("date")),
                  engine(env),
                  f(env.path("cores")),
                  f(env.path("cpu")),
                  f(env.path("java")),
                  f(env.path("temporalServer")),
                  f(env.path("dynamicConfig")),
                  f(env.path("secondsPerPoint")));
            });
    line("");
    if (engines.size() > 1) {
      sideBySide(engines, json.putArray("engines"));
    }
    List<String> modes = threadModes();
    if (modes.size() > 1) {
      threadsSideBySide(engines, modes, json.putArray("threadModes"));
    }

    ArrayNode points = json.putArray("points");
    if (kind("load").findAny().isPresent()) {
      line(
          "| engine | threads | scenario | topology | conc. | ok/s | p50 ms | p90 ms | p99 ms | answers by status |");
      line("| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
    }
    kind("load")
        .forEach(
            p -> {
              points.add(p);
              line(
                  "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                  engine(p),
                  f(threads(p)),
                  f(p.path("scenario")),
                  f(p.path("topology")),
                  f(p.path("concurrency")),
                  f(p.path("perSecond")),
                  f(p.path("p50Ms")),
                  f(p.path("p90Ms")),
                  f(p.path("p99Ms")),
                  outcomes(p.path("outcomes")));
            });

    boolean passed = flashSales(json.putArray("flashSales"));
    passed &= soldOut(json.putArray("soldOut"));

    ObjectNode ratios = json.putObject("ratios");
    for (String engine : engines) {
      if (kind("load").noneMatch(p -> engine.equals(engine(p)))) {
        continue;
      }
      ObjectNode engineRatios = ratios.putObject(engine);
      Double engineP50 = p50AtOne(engine, ENGINE, null);
      Double enginePeak = peak(engine, ENGINE, null);
      line("");
      line(
          "Engine probe (%s): p50 %s ms at 1 client, peak %s workflows/s. Order-shaped probe: p50 %s ms, peak %s/s.",
          engine,
          f(engineP50),
          f(enginePeak),
          f(p50AtOne(engine, ORDER_SHAPED, null)),
          f(peak(engine, ORDER_SHAPED, null)));
      for (String topology : topologies(engine)) {
        boolean probe = topology.equals("probe");
        String scenario = probe ? ORDER_SHAPED : ORDER_CREATE;
        for (String threads : probe ? noModes() : modesOrNone(modes)) {
          Double latency = ratio(p50AtOne(engine, scenario, topology, threads), engineP50);
          Double throughput = ratio(peak(engine, scenario, topology, threads), enginePeak);
          String key = probe ? ORDER_SHAPED : topology + (threads == null ? "" : " " + threads);
          ObjectNode ratio = engineRatios.putObject(key);
          ratio.put("latencyP50AtOne", latency);
          ratio.put("peakThroughput", throughput);
          line(
              "%s / engine (%s): latency (p50 at 1) %sx, peak throughput %sx.",
              probe ? ORDER_SHAPED : ORDER_CREATE + " " + key, engine, f2(latency), f2(throughput));
        }
      }
    }

    cpuTable(json.putArray("cpuPerPlacedOrder"));
    costTables(json.putArray("cost"));
    startupTable(modes, json.putArray("startup"));

    ArrayNode rss = json.putArray("rss");
    kind("rss")
        .forEach(
            r -> {
              rss.add(r);
              StringBuilder processes = new StringBuilder();
              r.path("processes")
                  .fields()
                  .forEachRemaining(
                      e ->
                          processes
                              .append(processes.length() == 0 ? "" : ", ")
                              .append(e.getKey())
                              .append(' ')
                              .append(e.getValue().asLong() / 1024)
                              .append(" MB"));
              line(
                  "RSS after load (%s, %s, -Xmx%s): %s.",
                  engine(r), label(r), f(r.path("xmx")), processes);
            });

    ArrayNode checks = json.putArray("consistency");
    for (JsonNode check : kind("consistency").toList()) {
      checks.add(check);
      boolean ok = check.path("ok").asBoolean(false);
      passed &= ok;
      line(
          "Consistency after %s (%s, %s): stock sold %s, orders status 0/1 %s - %s.",
          f(check.path("after")),
          engine(check),
          label(check),
          f(check.path("sold")),
          f(check.path("orders")),
          ok ? "OK" : "FAILED");
    }
    json.put("checksPassed", passed);
    return json;
  }

  /**
   * The flash sales, a table per engine, topology and thread mode with a column per sale and the
   * issue's targets beside each figure (reported, never judged); each sale's books (the bench's
   * SQL: stock sold = orders with status 0/1 = 200 answers, nothing oversold) are judged.
   *
   * @return whether every sale's books hold
   */
  private boolean flashSales(ArrayNode flashes) {
    boolean passed = true;
    List<ObjectNode> sales = new ArrayList<>();
    for (JsonNode flash : kind("flash").toList()) {
      ObjectNode sale = flash.deepCopy();
      booksOf(flash).ifPresent(books -> sale.set("books", books));
      sale.put("label", saleLabel(sale));
      boolean ok = sale.path("books").path("ok").asBoolean(false);
      passed &= ok;
      ArrayNode targets = sale.putArray("targets");
      for (SaleFigure figure : SALE_FIGURES) {
        ObjectNode row = targets.addObject();
        row.put("figure", figure.name());
        row.put("value", figure.value().apply(sale));
        String target = figure.target().apply(sale);
        if (target != null) {
          row.put("target", target);
          row.put("met", figure.met().apply(sale));
        }
      }
      flashes.add(sale);
      sales.add(sale);
    }
    for (List<ObjectNode> group : groups(sales)) {
      JsonNode first = group.get(0);
      line("");
      line(
          "Flash sales (%s, %s): order/create for one product each, stock %s; targets reported,"
              + " never judged; the books (bench SQL) fail the bench:",
          engine(first), label(first), f(first.path("books").path("initialStock")));
      line("");
      StringBuilder header = new StringBuilder("| figure |");
      StringBuilder rule = new StringBuilder("| --- |");
      for (JsonNode sale : group) {
        header.append(' ').append(sale.path("label").asText()).append(" | target |");
        rule.append(" ---: | --- |");
      }
      line("%s", header);
      line("%s", rule);
      for (int i = 0; i < SALE_FIGURES.size(); i++) {
        StringBuilder text =
            new StringBuilder("| ").append(SALE_FIGURES.get(i).name()).append(" |");
        for (JsonNode sale : group) {
          JsonNode row = sale.path("targets").get(i);
          text.append(' ')
              .append(row.path("value").asText())
              .append(" | ")
              .append(targetText(row))
              .append(" |");
        }
        line("%s", text);
      }
    }
    return passed;
  }

  /**
   * The books the bench wrote for a flash sale: of its product, or of its run (older fragments).
   */
  private Optional<JsonNode> booksOf(JsonNode flash) {
    return kind("books")
        .filter(b -> b.path("topology").equals(flash.path("topology")))
        .filter(b -> engine(b).equals(engine(flash)))
        .filter(b -> Objects.equals(threads(b), threads(flash)))
        .filter(
            b ->
                !b.has("product")
                    || !flash.has("product")
                    || b.path("product").asLong() == flash.path("product").asLong())
        .findFirst();
  }

  /** "1000 at once", or "10000 from 1000 connections". */
  static String saleLabel(JsonNode sale) {
    int requests = sale.path("requests").asInt();
    int connections = sale.path("connections").asInt(requests);
    return connections >= requests
        ? requests + " at once"
        : requests + " from " + connections + " connections";
  }

  private static boolean atOnce(JsonNode sale) {
    return sale.path("connections").asInt(sale.path("requests").asInt())
        >= sale.path("requests").asInt();
  }

  /** Fragments grouped by engine, topology and thread mode, in the order the groups first ran. */
  private static <T extends JsonNode> List<List<T>> groups(List<T> fragments) {
    Map<String, List<T>> groups = new LinkedHashMap<>();
    for (T fragment : fragments) {
      groups
          .computeIfAbsent(engine(fragment) + "|" + label(fragment), g -> new ArrayList<>())
          .add(fragment);
    }
    return new ArrayList<>(groups.values());
  }

  private static String targetText(JsonNode row) {
    if (!row.has("target")) {
      return "-";
    }
    JsonNode met = row.path("met");
    return row.path("target").asText()
        + (met.isBoolean() ? (met.asBoolean() ? ": met" : ": MISSED") : ": unknown");
  }

  /** One row of a flash sale's table: its figure, and the target beside it (null: none). */
  private record SaleFigure(
      String name,
      Function<JsonNode, String> value,
      Function<JsonNode, String> target,
      Function<JsonNode, Boolean> met) {}

  private static long stock(JsonNode sale) {
    return sale.path("books").path("initialStock").asLong();
  }

  /** What a sale must place: its stock, or its requests if fewer. */
  private static long toPlace(JsonNode sale) {
    return Math.min(stock(sale), sale.path("requests").asLong());
  }

  private static Boolean atMost(JsonNode value, double limit) {
    return value.isNumber() ? value.asDouble() <= limit : null;
  }

  private static final List<SaleFigure> SALE_FIGURES =
      List.of(
          new SaleFigure(
              "answers by status",
              sale -> outcomes(sale.path("outcomes")),
              sale -> "only 200 and 409",
              sale -> sale.path("other").asInt() == 0),
          new SaleFigure(
              "requests without an answer",
              sale -> f(sale.path("unanswered")),
              sale -> "none",
              sale -> sale.path("unanswered").asInt() == 0),
          new SaleFigure(
              "placed (200)",
              sale -> f(sale.path("placed")),
              sale -> "exactly " + toPlace(sale),
              sale -> sale.path("placed").asLong() == toPlace(sale)),
          new SaleFigure(
              "sold out after (s), the last 200",
              sale -> f(seconds(sale.path("lastPlacedAfterMs"))),
              sale -> null,
              sale -> null),
          new SaleFigure(
              "last answer after (s)",
              sale -> f(sale.path("secondsToLastAnswer")),
              sale -> atOnce(sale) ? "<= 5 s" : "<= 15 s",
              sale -> atMost(sale.path("secondsToLastAnswer"), atOnce(sale) ? 5 : 15)),
          new SaleFigure(
              "Temporal executions started (OrderSaga of the product)",
              sale -> f(sale.path("books").path("executionsStarted")),
              sale -> "<= 2x stock (" + 2 * stock(sale) + ")",
              sale -> atMost(sale.path("books").path("executionsStarted"), 2.0 * stock(sale))),
          new SaleFigure(
              "order rows written, status 0 / 1 / 9",
              sale ->
                  f(sale.path("books").path("created"))
                      + " / "
                      + f(sale.path("books").path("paid"))
                      + " / "
                      + f(sale.path("books").path("compensated")),
              sale -> "status 9 <= stock (" + stock(sale) + ")",
              sale -> atMost(sale.path("books").path("compensated"), (double) stock(sale))),
          new SaleFigure(
              "stock left",
              sale -> f(sale.path("books").path("stockLeft")),
              sale -> null,
              sale -> null),
          new SaleFigure(
              "books: stock sold = orders 0/1 = 200 answers, none oversold",
              sale ->
                  sale.path("books").path("ok").asBoolean(false)
                      ? "OK"
                      : sale.path("books").isMissingNode() ? "no books" : "FAILED",
              sale -> null,
              sale -> null));

  /**
   * order/create on a product with stock 0, per engine, topology and thread mode: 409 answers per
   * second and their latencies beside the targets (p50 <= 5 ms at 1 connection, >= 1,000/s at 32;
   * reported, never judged), and the check the bench fails on: every answer a 409, no order row and
   * no execution for that product.
   *
   * @return whether every sold-out point passed its check
   */
  private boolean soldOut(ArrayNode rows) {
    List<JsonNode> points = kind("load").filter(p -> SOLD_OUT.equals(scenario(p))).toList();
    if (points.isEmpty()) {
      return true;
    }
    boolean passed = true;
    List<ObjectNode> judged = new ArrayList<>();
    for (JsonNode point : points) {
      JsonNode books =
          kind("soldOut")
              .filter(b -> engine(b).equals(engine(point)))
              .filter(b -> b.path("topology").equals(point.path("topology")))
              .filter(b -> Objects.equals(threads(b), threads(point)))
              .filter(b -> b.path("connections").asInt() == point.path("concurrency").asInt())
              .findFirst()
              .orElse(Json.MAPPER.createObjectNode());
      boolean only409 = true;
      for (var names = point.path("outcomes").fieldNames(); names.hasNext(); ) {
        only409 &= names.next().equals("409");
      }
      boolean ok =
          only409
              && point.path("outcomes").size() > 0
              && books.path("orderRows").isNumber()
              && books.path("orderRows").asLong() == 0
              && books.path("executions").isNumber()
              && books.path("executions").asLong() == 0;
      passed &= ok;
      ObjectNode row = Json.MAPPER.createObjectNode();
      row.put("engine", engine(point));
      row.put("topology", point.path("topology").asText());
      row.put("threads", threads(point));
      row.set("product", books.path("product"));
      row.put("concurrency", point.path("concurrency").asInt());
      row.set("perSecond", point.path("perSecond"));
      row.set("p50Ms", point.path("p50Ms"));
      row.set("p99Ms", point.path("p99Ms"));
      row.set("outcomes", point.path("outcomes"));
      row.set("orderRows", books.path("orderRows"));
      row.set("executions", books.path("executions"));
      int concurrency = point.path("concurrency").asInt();
      if (concurrency == 1) {
        row.put("target", "p50 <= 5 ms");
        row.put("met", atMost(point.path("p50Ms"), 5));
      } else if (concurrency == 32) {
        row.put("target", ">= 1000 answers/s");
        row.put("met", point.path("perSecond").asDouble() >= 1000);
      }
      row.put("ok", ok);
      rows.add(row);
      judged.add(row);
    }
    for (List<ObjectNode> group : groups(judged)) {
      JsonNode first = group.get(0);
      line("");
      line(
          "order/create on a sold-out product (stock 0; %s, %s): 409 answers/s and their latencies;"
              + " the check (every answer 409, no order row, no execution) fails the bench:",
          engine(first), label(first));
      line("");
      line(
          "| conc. | 409/s | p50 ms | p99 ms | answers by status | order rows | executions | target | check |");
      line("| ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |");
      for (JsonNode row : group) {
        line(
            "| %s | %s | %s | %s | %s | %s | %s | %s | %s |",
            f(row.path("concurrency")),
            f(row.path("perSecond")),
            f(row.path("p50Ms")),
            f(row.path("p99Ms")),
            outcomes(row.path("outcomes")),
            f(row.path("orderRows")),
            f(row.path("executions")),
            targetText(row),
            row.path("ok").asBoolean() ? "OK" : "FAILED");
      }
    }
    return passed;
  }

  private static String scenario(JsonNode point) {
    return point.path("scenario").asText();
  }

  /** A fragment's topology, and its thread mode if it names one: "split" or "split, virtual". */
  private static String label(JsonNode fragment) {
    String threads = threads(fragment);
    return f(fragment.path("topology")) + (threads == null ? "" : ", " + threads);
  }

  /** The run's thread modes, or one null ("any") if it named none. */
  private static List<String> modesOrNone(List<String> modes) {
    return modes.isEmpty() ? noModes() : modes;
  }

  private static List<String> noModes() {
    List<String> none = new ArrayList<>();
    none.add(null);
    return none;
  }

  /** What a process is in a cost table: the engine, the database, the load generator or a JVM. */
  enum Role {
    ENGINE,
    DATABASE,
    LOAD,
    JVM
  }

  /**
   * The role of a measured process by its name: "temporal" and "postgresql" (the production
   * engine's store) are the engine, "mariadb" the mall's database, "load-generator" the bench; the
   * rest are the JVMs that serve the point (the mall's, or the probe's workers).
   */
  static Role role(String process) {
    return switch (process) {
      case "temporal", "postgresql" -> Role.ENGINE;
      case "mariadb" -> Role.DATABASE;
      case Cpu.LOAD_GENERATOR -> Role.LOAD;
      default -> Role.JVM;
    };
  }

  /** The sum of a point's CPU ms per answer over the processes of those roles; null if none. */
  static Double cpuOf(JsonNode point, Role... roles) {
    List<Role> wanted = List.of(roles);
    double sum = 0;
    boolean any = false;
    for (var entries = point.path("cpu").path("processes").fields(); entries.hasNext(); ) {
      var entry = entries.next();
      if (wanted.contains(role(entry.getKey())) && entry.getValue().isNumber()) {
        sum += entry.getValue().asDouble();
        any = true;
      }
    }
    return any ? Math.round(sum * 100) / 100.0 : null;
  }

  /**
   * The CPU ms per answer of the JIT compiler threads of the processes of those roles (part of
   * their CPU); null if none was read.
   */
  static Double jitOf(JsonNode point, Role... roles) {
    List<Role> wanted = List.of(roles);
    double sum = 0;
    boolean any = false;
    for (var entries = point.path("cpu").path("jitMsPerOrder").fields(); entries.hasNext(); ) {
      var entry = entries.next();
      if (wanted.contains(role(entry.getKey())) && entry.getValue().isNumber()) {
        sum += entry.getValue().asDouble();
        any = true;
      }
    }
    return any ? Math.round(sum * 100) / 100.0 : null;
  }

  private static Double minus(Double a, Double b) {
    return a == null || b == null ? null : Math.round((a - b) * 100) / 100.0;
  }

  /** A cost point's column: "order/create split", "order-shaped probe". */
  static String costColumn(JsonNode point) {
    String topology = point.path("topology").asText();
    String variant = point.path("variant").asText("");
    return scenario(point)
        + (topology.equals("probe") ? "" : " " + topology)
        + (variant.isEmpty() ? "" : " [" + variant + "]");
  }

  /** The targets for the cost of an order; reported beside the figures, never judged. */
  static final double TARGET_ENGINE_OVER_PROBE = 1.2;

  static final double TARGET_JVMS_MS = 12;
  static final double TARGET_SERVING_MS = 40;

  /**
   * The cost phase, per engine: CPU ms per placed order (order/create) and per probe execution,
   * process by process, with the mall's JVMs and everything serving (engine, database, JVMs)
   * summed; the targets beside their figures (engine per order over engine per order-shaped probe
   * execution, the JVMs together, everything serving); the processes at rest; the engine's requests
   * per answer; the histories of one execution of each.
   */
  private void costTables(ArrayNode rows) {
    List<JsonNode> all = kind("cost").toList();
    for (String engine : engines()) {
      List<JsonNode> points = new ArrayList<>();
      all.stream()
          .filter(p -> engine.equals(engine(p)) && !p.path("topology").asText().equals("probe"))
          .forEach(points::add);
      all.stream()
          .filter(p -> engine.equals(engine(p)) && p.path("topology").asText().equals("probe"))
          .forEach(points::add);
      if (points.isEmpty()) {
        continue;
      }
      JsonNode first = points.get(0);
      line("");
      line(
          "Cost per order (%s): CPU ms per placed order (order/create) or per probe execution, %s"
              + " requests after %s warm-up requests, from /proc (a process with its children);"
              + " JVMs as started for this phase:",
          engine, f(first.path("requests")), f(first.path("warmupRequests")));
      line("");
      StringBuilder header = new StringBuilder("| CPU ms per answer |");
      StringBuilder rule = new StringBuilder("| --- |");
      for (JsonNode point : points) {
        header.append(' ').append(costColumn(point)).append(" |");
        rule.append(" ---: |");
      }
      line("%s", header);
      line("%s", rule);
      List<String> processes = new ArrayList<>();
      for (JsonNode point : points) {
        point
            .path("cpu")
            .path("processes")
            .fieldNames()
            .forEachRemaining(
                name -> {
                  if (!processes.contains(name)) {
                    processes.add(name);
                  }
                });
      }
      for (String process : processes) {
        costRow(points, process, p -> p.path("cpu").path("processes").get(process));
      }
      costRow(
          points,
          "JVMs together (the mall's, or the probe's workers)",
          p -> num(cpuOf(p, Role.JVM)));
      costRow(
          points,
          "engine + database + JVMs",
          p -> num(cpuOf(p, Role.ENGINE, Role.DATABASE, Role.JVM)));
      costRow(points, "... of which the JVMs' JIT compiler threads", p -> num(jitOf(p, Role.JVM)));
      costRow(
          points,
          "JVMs together, JIT compilation left out",
          p -> num(minus(cpuOf(p, Role.JVM), jitOf(p, Role.JVM))));
      costRow(
          points,
          "box busy (everything on the machine)",
          p -> p.path("cpu").path("boxBusyMsPerOrder"));
      costRow(points, "box busy %", p -> p.path("cpu").path("boxBusyPercent"), v -> f(v));
      costRow(points, "answers counted", p -> p.path("cpu").path("placed"), v -> f(v));
      costRow(points, "answers/s", p -> p.path("perSecond"), v -> f(v));
      costRow(points, "p50 ms", p -> p.path("p50Ms"), v -> f(v));
      for (String process : processes) {
        costRow(
            points, process + " at rest, ms/s", p -> p.path("idle").path("processes").get(process));
      }
      costRow(
          points,
          "engine at rest, ms per answer at this rate",
          p -> num(atRestPerAnswer(p, Role.ENGINE)));
      costRow(
          points,
          "JVMs at rest, ms per answer at this rate",
          p -> num(atRestPerAnswer(p, Role.JVM)));

      JsonNode orderProbe =
          points.stream().filter(p -> ORDER_SHAPED.equals(scenario(p))).findFirst().orElse(null);
      Double probeEngine = orderProbe == null ? null : cpuOf(orderProbe, Role.ENGINE);
      JsonNode plainProbe =
          points.stream().filter(p -> ENGINE.equals(scenario(p))).findFirst().orElse(null);
      line("");
      for (JsonNode point : points) {
        ObjectNode row = rows.addObject();
        row.put("engine", engine);
        row.put("scenario", scenario(point));
        row.put("topology", point.path("topology").asText());
        row.set("variant", point.path("variant"));
        row.set("concurrency", point.path("concurrency"));
        row.set("warmupRequests", point.path("warmupRequests"));
        row.set("requests", point.path("requests"));
        row.set("perSecond", point.path("perSecond"));
        row.set("p50Ms", point.path("p50Ms"));
        row.set("cpu", point.path("cpu"));
        row.put("jvmsMsPerAnswer", cpuOf(point, Role.JVM));
        row.put("jvmsJitMsPerAnswer", jitOf(point, Role.JVM));
        row.put("engineMsPerAnswer", cpuOf(point, Role.ENGINE));
        row.put("servingMsPerAnswer", cpuOf(point, Role.ENGINE, Role.DATABASE, Role.JVM));
        row.set("idle", point.path("idle"));
        row.set("engineRequests", point.path("engineRequests"));
        if (!ORDER_CREATE.equals(scenario(point))) {
          continue;
        }
        Double engineOverProbe = ratio(cpuOf(point, Role.ENGINE), probeEngine);
        Double jvms = cpuOf(point, Role.JVM);
        Double serving = cpuOf(point, Role.ENGINE, Role.DATABASE, Role.JVM);
        row.put("engineOverOrderProbe", engineOverProbe);
        row.put(
            "engineOverPlainProbe",
            plainProbe == null
                ? null
                : ratio(cpuOf(point, Role.ENGINE), cpuOf(plainProbe, Role.ENGINE)));
        ArrayNode targets = row.putArray("targets");
        target(
            targets,
            "engine per order / per order-shaped probe execution",
            engineOverProbe,
            "x",
            TARGET_ENGINE_OVER_PROBE);
        target(targets, "the mall's JVMs together, ms per order", jvms, " ms", TARGET_JVMS_MS);
        target(
            targets,
            "the mall's JVMs together without their JIT compilation, ms per order",
            minus(jvms, jitOf(point, Role.JVM)),
            " ms",
            TARGET_JVMS_MS);
        target(
            targets, "engine + database + JVMs, ms per order", serving, " ms", TARGET_SERVING_MS);
        line(
            "%s (%s): engine %s ms per order against %s per order-shaped probe execution = %sx"
                + " (target <= %sx%s); the mall's JVMs together %s ms, %s without JIT compilation"
                + " (target <= %s ms%s);"
                + " engine + database + JVMs %s ms (target <= %s ms on the dev server%s).",
            costColumn(point),
            engine,
            cpuMs(num(cpuOf(point, Role.ENGINE))),
            cpuMs(num(probeEngine)),
            f2(engineOverProbe),
            f2(TARGET_ENGINE_OVER_PROBE),
            metText(engineOverProbe, TARGET_ENGINE_OVER_PROBE),
            cpuMs(num(jvms)),
            cpuMs(num(minus(jvms, jitOf(point, Role.JVM)))),
            f(TARGET_JVMS_MS),
            metText(jvms, TARGET_JVMS_MS),
            cpuMs(num(serving)),
            f(TARGET_SERVING_MS),
            metText(serving, TARGET_SERVING_MS));
      }
      if (plainProbe != null) {
        line(
            "Plain probe (%s): engine %s ms per execution.",
            engine, cpuMs(num(cpuOf(plainProbe, Role.ENGINE))));
      }
      engineRequestsTable(points);
    }
    historiesTable();
  }

  private static JsonNode num(Double value) {
    return value == null ? null : Json.MAPPER.getNodeFactory().numberNode(value);
  }

  /**
   * What the processes of that role burn at rest, spread over the answers of the window: their
   * at-rest ms per second over the window's answers per second. Null without an at-rest reading.
   */
  static Double atRestPerAnswer(JsonNode point, Role role) {
    JsonNode idle = point.path("idle").path("processes");
    double perSecond = point.path("perSecond").asDouble(0);
    if (!idle.isObject() || perSecond <= 0) {
      return null;
    }
    double sum = 0;
    boolean any = false;
    for (var entries = idle.fields(); entries.hasNext(); ) {
      var entry = entries.next();
      if (role(entry.getKey()) == role && entry.getValue().isNumber()) {
        sum += entry.getValue().asDouble();
        any = true;
      }
    }
    return any ? Math.round(sum / perSecond * 100) / 100.0 : null;
  }

  private static void target(
      ArrayNode targets, String figure, Double value, String unit, double limit) {
    ObjectNode target = targets.addObject();
    target.put("figure", figure);
    target.put("value", value);
    target.put("target", "<= " + f(limit) + unit);
    target.put("met", value == null ? null : value <= limit);
  }

  private static String metText(Double value, double limit) {
    return value == null ? "" : value <= limit ? ": met" : ": MISSED";
  }

  /** A row of CPU ms (or requests) per answer: 3 significant digits. */
  private void costRow(List<JsonNode> points, String figure, Function<JsonNode, JsonNode> value) {
    costRow(points, figure, value, Report::cpuMs);
  }

  /** A row of a cost table, left out if no point has a figure for it. */
  private void costRow(
      List<JsonNode> points,
      String figure,
      Function<JsonNode, JsonNode> value,
      Function<JsonNode, String> format) {
    StringBuilder text = new StringBuilder("| ").append(figure).append(" |");
    boolean any = false;
    for (JsonNode point : points) {
      JsonNode v = value.apply(point);
      any |= v != null && v.isNumber();
      text.append(' ').append(format.apply(v)).append(" |");
    }
    if (any) {
      line("%s", text);
    }
  }

  /**
   * The engine's requests per answer in each cost point: its frontend's gRPC requests (what the
   * clients and workers asked), its persistence requests and its visibility writes, by operation.
   */
  private void engineRequestsTable(List<JsonNode> points) {
    List<JsonNode> measured =
        points.stream().filter(p -> p.path("engineRequests").isObject()).toList();
    if (measured.isEmpty()) {
      return;
    }
    line("");
    line("The engine's requests per answer (its Prometheus counters over the window):");
    line("");
    StringBuilder header = new StringBuilder("| requests per answer |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (JsonNode point : measured) {
      header.append(' ').append(costColumn(point)).append(" |");
      rule.append(" ---: |");
    }
    line("%s", header);
    line("%s", rule);
    for (EngineMetrics.Family family : EngineMetrics.FAMILIES) {
      String group = family.group();
      costRow(measured, group + " (all)", p -> p.path("engineRequests").path(group).path("total"));
      List<String> operations = new ArrayList<>();
      for (JsonNode point : measured) {
        point
            .path("engineRequests")
            .path(group)
            .path("operations")
            .fieldNames()
            .forEachRemaining(
                o -> {
                  if (!operations.contains(o)) {
                    operations.add(o);
                  }
                });
      }
      for (String operation : operations) {
        costRow(
            measured,
            group + ": " + operation,
            p -> p.path("engineRequests").path(group).path("operations").path(operation));
      }
    }
  }

  /** One execution's history per scenario: events by type, sizes, payload bytes. */
  private void historiesTable() {
    List<JsonNode> histories = kind("history").filter(h -> h.has("events")).toList();
    if (histories.isEmpty()) {
      return;
    }
    line("");
    line("One execution's history (events by type; bytes: serialized history, payloads in it):");
    line("");
    StringBuilder header = new StringBuilder("| history |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (JsonNode history : histories) {
      header
          .append(' ')
          .append(costColumn(history))
          .append(" (")
          .append(engine(history))
          .append(") |");
      rule.append(" ---: |");
    }
    line("%s", header);
    line("%s", rule);
    historyRow(histories, "events", h -> h.path("events"));
    historyRow(histories, "history bytes", h -> h.path("historyBytes"));
    historyRow(histories, "payload bytes", h -> h.path("payloadBytes"));
    historyRow(histories, "start event bytes", h -> h.path("start").path("eventBytes"));
    historyRow(histories, "start: input bytes", h -> h.path("start").path("inputBytes"));
    historyRow(histories, "start: memo bytes", h -> h.path("start").path("memoBytes"));
    historyRow(
        histories,
        "start: search attributes bytes",
        h -> h.path("start").path("searchAttributesBytes"));
    historyRow(histories, "start: header bytes", h -> h.path("start").path("headerBytes"));
    historyRow(histories, "search-attribute upserts", h -> h.path("upserts"));
    historyRow(histories, "upserts' payload bytes", h -> h.path("upsertBytes"));
    historyRow(histories, "update results' payload bytes", h -> h.path("updateResultBytes"));
    List<String> types = new ArrayList<>();
    for (JsonNode history : histories) {
      history
          .path("eventTypes")
          .fieldNames()
          .forEachRemaining(
              t -> {
                if (!types.contains(t)) {
                  types.add(t);
                }
              });
    }
    for (String type : types) {
      historyRow(histories, type, h -> h.path("eventTypes").path(type));
    }
  }

  private void historyRow(
      List<JsonNode> histories, String figure, Function<JsonNode, JsonNode> value) {
    StringBuilder text = new StringBuilder("| ").append(figure).append(" |");
    for (JsonNode history : histories) {
      JsonNode v = value.apply(history);
      text.append(' ')
          .append(v.isNumber() ? String.valueOf(v.asLong()) : v.isMissingNode() ? "0" : f(v))
          .append(" |");
    }
    line("%s", text);
  }

  /**
   * CPU ms per placed order of every point that measured it (order/create, flash sale): a column
   * per process (the union over the points, in the order first seen), their sum, and the box's busy
   * time from /proc/stat (anything else running on the machine included) with its busy share.
   */
  private void cpuTable(ArrayNode rows) {
    List<JsonNode> measured =
        fragments.stream()
            .filter(f -> f.path("cpu").path("processes").isObject())
            .filter(f -> List.of("load", "flash").contains(f.path("kind").asText()))
            .toList();
    if (measured.isEmpty()) {
      return;
    }
    List<String> processes = new ArrayList<>();
    for (JsonNode point : measured) {
      point
          .at("/cpu/processes")
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (!processes.contains(name)) {
                  processes.add(name);
                }
              });
    }
    line("");
    line(
        "CPU ms per placed order (utime+stime from /proc over the measured window, warm-up excluded;"
            + " a process counts with its child processes; box = /proc/stat busy time of all cores,"
            + " anything else running included; the box is sampled at clock ticks and the processes'"
            + " times are the scheduler's exact ones, so a sum up to a few percent above the box is"
            + " that sampling):");
    line("");
    StringBuilder header =
        new StringBuilder("| engine | threads | scenario | topology | conc. | placed |");
    StringBuilder rule = new StringBuilder("| --- | --- | --- | --- | ---: | ---: |");
    for (String process : processes) {
      header.append(' ').append(process).append(" |");
      rule.append(" ---: |");
    }
    line("%s sum | box busy | box busy %% |", header);
    line("%s ---: | ---: | ---: |", rule);
    for (JsonNode point : measured) {
      JsonNode cpu = point.path("cpu");
      boolean flash = point.path("kind").asText().equals("flash");
      String scenario = flash ? "flash sale" : point.path("scenario").asText();
      ObjectNode row = rows.addObject();
      row.put("engine", engine(point));
      row.put("threads", threads(point));
      row.put("scenario", scenario);
      row.put("topology", point.path("topology").asText());
      if (flash) {
        row.put("requests", point.path("requests").asInt());
        row.put("connections", point.path("connections").asInt(point.path("requests").asInt()));
      } else {
        row.put("concurrency", point.path("concurrency").asInt());
      }
      row.set("placed", cpu.path("placed"));
      row.set("msPerOrder", cpu.path("processes"));
      row.set("sumMsPerOrder", cpu.path("sumMsPerOrder"));
      row.set("boxBusyMsPerOrder", cpu.path("boxBusyMsPerOrder"));
      row.set("boxBusyPercent", cpu.path("boxBusyPercent"));
      row.set("windowSeconds", cpu.path("windowSeconds"));
      StringBuilder text =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "| %s | %s | %s | %s | %s | %s |",
                  engine(point),
                  f(threads(point)),
                  scenario,
                  f(point.path("topology")),
                  flash ? saleLabel(point) : f(point.path("concurrency")),
                  f(cpu.path("placed"))));
      for (String process : processes) {
        text.append(' ').append(cpuMs(cpu.path("processes").get(process))).append(" |");
      }
      line(
          "%s %s | %s | %s |",
          text,
          cpuMs(cpu.path("sumMsPerOrder")),
          cpuMs(cpu.path("boxBusyMsPerOrder")),
          f(cpu.path("boxBusyPercent")));
    }
  }

  /**
   * The embedded default's startup, per thread mode: medians over its runs of the time from launch
   * to readiness UP, of the JVM's own "Started ... in X seconds", and of its RSS once ready.
   */
  private void startupTable(List<String> modes, ArrayNode rows) {
    List<JsonNode> runs = kind("startup").toList();
    if (runs.isEmpty()) {
      return;
    }
    line("");
    line(
        "Startup of the embedded default (standalone jar: API, every worker, in-process Temporal test"
            + " server, H2), median over its runs:");
    line("");
    line(
        "| threads | runs | launch to readiness UP, ms | JVM-reported start, s | process running, s | RSS when ready, MB | launch to ready per run, ms |");
    line("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
    for (String threads : modesOrNone(modes)) {
      List<JsonNode> of = runs.stream().filter(r -> sameThreads(threads, r)).toList();
      if (of.isEmpty()) {
        continue;
      }
      Double ready = median(of, "readyMs");
      Double started = median(of, "startedSeconds");
      Double running = median(of, "processRunningSeconds");
      Double rssKb = median(of, "rssKb");
      ObjectNode row = rows.addObject();
      row.put("threads", threads);
      row.put("runs", of.size());
      row.put("medianReadyMs", ready);
      row.put("medianStartedSeconds", started);
      row.put("medianProcessRunningSeconds", running);
      row.put("medianRssKb", rssKb);
      ArrayNode each = row.putArray("readyMs");
      of.forEach(r -> each.add(r.path("readyMs")));
      line(
          "| %s | %s | %s | %s | %s | %s | %s |",
          f(threads),
          of.size(),
          f(ready),
          f(started),
          f(running),
          f(rssKb == null ? null : rssKb / 1024),
          String.join(" ", of.stream().map(r -> f(r.path("readyMs"))).toList()));
    }
  }

  /**
   * The median of a numeric field over fragments (mean of the middle two if even); null if none.
   */
  static Double median(List<JsonNode> fragments, String field) {
    double[] values =
        fragments.stream()
            .map(f -> f.path(field))
            .filter(JsonNode::isNumber)
            .mapToDouble(JsonNode::asDouble)
            .sorted()
            .toArray();
    if (values.length == 0) {
      return null;
    }
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  /**
   * The thread modes in one table: per engine and topology, order/create's p50 at 1 connection, its
   * peak and the box's CPU ms per placed order at the highest concurrency; the flash sale; the
   * embedded default's startup. The last mode over the first in the last column.
   */
  private void threadsSideBySide(List<String> engines, List<String> modes, ArrayNode rows) {
    tableHead(
        "Thread modes side by side (mall JVMs with spring.threads.virtual.enabled false/true):",
        modes);
    for (String engine : engines) {
      for (String topology : topologies(engine)) {
        if (topology.equals("probe")) {
          continue;
        }
        String at = "order/create " + topology + " (" + engine + ")";
        row(rows, modes, at + " p50 at 1 (ms)", t -> p50AtOne(engine, ORDER_CREATE, topology, t));
        row(rows, modes, at + " peak (orders/s)", t -> peak(engine, ORDER_CREATE, topology, t));
        row(
            rows,
            modes,
            at + " processes' CPU ms per order, top conc.",
            t -> processesCpuAtTop(engine, topology, t));
        row(
            rows,
            modes,
            at + " box CPU ms per order, top conc.",
            t -> boxCpuAtTop(engine, topology, t));
      }
    }
    if (kind("flash").anyMatch(f -> threads(f) != null)) {
      for (String sale : kind("flash").map(Report::saleLabel).distinct().toList()) {
        row(
            rows,
            modes,
            "flash sale " + sale + ": last answer after (s)",
            t -> flashFigure(t, sale, "/secondsToLastAnswer"));
        row(
            rows,
            modes,
            "flash sale " + sale + ": box CPU ms per placed order",
            t -> flashFigure(t, sale, "/cpu/boxBusyMsPerOrder"));
      }
    }
    if (kind("startup").findAny().isPresent()) {
      row(
          rows,
          modes,
          "standalone: launch to ready, median (ms)",
          t -> startupMedian(t, "readyMs"));
      row(
          rows,
          modes,
          "standalone: RSS when ready, median (MB)",
          t -> {
            Double kb = startupMedian(t, "rssKb");
            return kb == null ? null : kb / 1024;
          });
    }
    line("");
  }

  private Double flashFigure(String threads, String sale, String pointer) {
    JsonNode flash = flashOf(threads, sale);
    return flash == null ? null : number(flash.at(pointer));
  }

  private Double startupMedian(String threads, String field) {
    return median(kind("startup").filter(r -> sameThreads(threads, r)).toList(), field);
  }

  /** "probe", then the topologies order/create ran in on that engine. */
  private List<String> topologies(String engine) {
    List<String> topologies = new ArrayList<>();
    topologies.add("probe");
    points(engine, ORDER_CREATE, null, null)
        .map(p -> p.path("topology").asText())
        .distinct()
        .forEach(topologies::add);
    return topologies;
  }

  /**
   * The figures of every engine in one table: the engine's own limit (the probes), the mall's
   * order/create, and the mall-over-engine ratios, with the last engine over the first.
   */
  private void sideBySide(List<String> engines, ArrayNode rows) {
    tableHead("Engines side by side (same machine, same run):", engines);
    List<String> topologies = new ArrayList<>();
    for (String engine : engines) {
      topologies(engine).stream().filter(t -> !topologies.contains(t)).forEach(topologies::add);
    }
    row(rows, engines, "engine probe p50 at 1 client (ms)", e -> p50AtOne(e, ENGINE, null));
    row(rows, engines, "engine probe peak (workflows/s)", e -> peak(e, ENGINE, null));
    row(rows, engines, "order-shaped probe p50 at 1 (ms)", e -> p50AtOne(e, ORDER_SHAPED, null));
    row(rows, engines, "order-shaped probe peak (/s)", e -> peak(e, ORDER_SHAPED, null));
    for (String topology : topologies) {
      if (topology.equals("probe")) {
        continue;
      }
      for (String threads : modesOrNone(threadModes())) {
        String at = "order/create " + topology + (threads == null ? "" : " " + threads);
        row(
            rows,
            engines,
            at + " p50 at 1 (ms)",
            e -> p50AtOne(e, ORDER_CREATE, topology, threads));
        row(rows, engines, at + " peak (orders/s)", e -> peak(e, ORDER_CREATE, topology, threads));
        row(
            rows,
            engines,
            at + " / engine probe, latency",
            e -> ratio(p50AtOne(e, ORDER_CREATE, topology, threads), p50AtOne(e, ENGINE, null)));
        row(
            rows,
            engines,
            at + " / engine probe, peak",
            e -> ratio(peak(e, ORDER_CREATE, topology, threads), peak(e, ENGINE, null)));
        row(
            rows,
            engines,
            at + " processes' CPU ms per order, top conc.",
            e -> processesCpuAtTop(e, topology, threads));
        row(
            rows,
            engines,
            at + " box CPU ms per order, top conc.",
            e -> boxCpuAtTop(e, topology, threads));
      }
    }
    line("");
  }

  /** A side-by-side table's title and head: a column per key, then the last over the first. */
  private void tableHead(String title, List<String> columns) {
    StringBuilder header = new StringBuilder("| figure |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (String column : columns) {
      header.append(' ').append(column).append(" |");
      rule.append(" ---: |");
    }
    line("%s", title);
    line("");
    line("%s %s / %s |", header, columns.get(columns.size() - 1), columns.get(0));
    line("%s ---: |", rule);
  }

  /** One row of a side-by-side table: a column per key (engine or thread mode), last over first. */
  private void row(
      ArrayNode rows, List<String> columns, String figure, Function<String, Double> value) {
    ObjectNode json = rows.addObject();
    json.put("figure", figure);
    StringBuilder text = new StringBuilder("| ").append(figure).append(" |");
    for (String column : columns) {
      Double v = value.apply(column);
      json.put(column, v);
      text.append(' ')
          .append(v != null && figure.contains("/ engine") ? f2(v) + "x" : f(v))
          .append(" |");
    }
    Double change =
        ratio(value.apply(columns.get(columns.size() - 1)), value.apply(columns.get(0)));
    json.put("lastOverFirst", change);
    line("%s %s |", text, change == null ? "-" : f2(change) + "x");
  }

  /** The report's text (Markdown), as far as {@link #build()} wrote it. */
  @Override
  public String toString() {
    return out.toString();
  }

  private static Double seconds(JsonNode millis) {
    return millis.isNumber() ? millis.asDouble() / 1000 : null;
  }

  private static Double ratio(Double mall, Double engine) {
    return mall == null || engine == null || engine == 0
        ? null
        : Math.round(mall / engine * 100) / 100.0;
  }

  private static String f2(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String outcomes(JsonNode outcomes) {
    StringBuilder text = new StringBuilder();
    outcomes
        .fields()
        .forEachRemaining(
            e ->
                text.append(text.length() == 0 ? "" : " ")
                    .append(e.getKey())
                    .append(':')
                    .append(e.getValue()));
    return text.toString();
  }
}
