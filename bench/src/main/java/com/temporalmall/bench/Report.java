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
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * `report --dir D --out F`: the result fragments of one run (one JSON file each, in name order) as
 * one table on stdout (Markdown) and one JSON document; exits 1 if a consistency check or the flash
 * sale's books failed.
 */
final class Report {
  static final String ENGINE = "engine probe (plain)";
  static final String ORDER_SHAPED = "order-shaped probe";
  static final String ORDER_CREATE = "order/create";

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
      System.out.println("FAILED: a consistency check or the flash sale's books (see above)");
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

  /** The engines of the run, in the order they ran. */
  List<String> engines() {
    return fragments.stream().map(Report::engine).distinct().toList();
  }

  private Stream<JsonNode> points(String engine, String scenario, String topology) {
    return kind("load")
        .filter(p -> engine.equals(engine(p)))
        .filter(p -> scenario.equals(p.path("scenario").asText()))
        .filter(p -> topology == null || topology.equals(p.path("topology").asText()));
  }

  Double p50AtOne(String engine, String scenario, String topology) {
    return points(engine, scenario, topology)
        .filter(p -> p.path("concurrency").asInt() == 1 && p.has("p50Ms"))
        .map(p -> p.get("p50Ms").asDouble())
        .findFirst()
        .orElse(null);
  }

  Double peak(String engine, String scenario, String topology) {
    return points(engine, scenario, topology)
        .map(p -> p.path("perSecond").asDouble())
        .max(Double::compare)
        .orElse(null);
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

    ArrayNode points = json.putArray("points");
    line(
        "| engine | scenario | topology | conc. | ok/s | p50 ms | p90 ms | p99 ms | answers by status |");
    line("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |");
    kind("load")
        .forEach(
            p -> {
              points.add(p);
              line(
                  "| %s | %s | %s | %s | %s | %s | %s | %s | %s |",
                  engine(p),
                  f(p.path("scenario")),
                  f(p.path("topology")),
                  f(p.path("concurrency")),
                  f(p.path("perSecond")),
                  f(p.path("p50Ms")),
                  f(p.path("p90Ms")),
                  f(p.path("p99Ms")),
                  outcomes(p.path("outcomes")));
            });

    boolean passed = true;
    ArrayNode flashes = json.putArray("flashSales");
    for (JsonNode flash : kind("flash").toList()) {
      ObjectNode sale = flash.deepCopy();
      kind("books")
          .filter(b -> b.path("topology").equals(flash.path("topology")))
          .findFirst()
          .ifPresent(books -> sale.set("books", books));
      flashes.add(sale);
      JsonNode books = sale.path("books");
      boolean ok = books.path("ok").asBoolean(false);
      passed &= ok;
      line("");
      line(
          "Flash sale (%s): %s requests at once for stock %s: %s placed (200), %s rejected (409), %s other (%s);"
              + " sold out after %s s, last answer after %s s. Books: stock left %s, orders status 0: %s,"
              + " oversold %s - %s.",
          f(sale.path("topology")),
          f(sale.path("requests")),
          f(books.path("initialStock")),
          f(sale.path("placed")),
          f(sale.path("rejected")),
          f(sale.path("other")),
          outcomes(sale.path("outcomes")),
          f(seconds(sale.path("lastPlacedAfterMs"))),
          f(sale.path("secondsToLastAnswer")),
          f(books.path("stockLeft")),
          f(books.path("created")),
          f(books.path("oversold")),
          ok ? "OK" : "FAILED");
    }

    ObjectNode ratios = json.putObject("ratios");
    for (String engine : engines) {
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
        String scenario = topology.equals("probe") ? ORDER_SHAPED : ORDER_CREATE;
        Double latency = ratio(p50AtOne(engine, scenario, topology), engineP50);
        Double throughput = ratio(peak(engine, scenario, topology), enginePeak);
        ObjectNode ratio =
            engineRatios.putObject(topology.equals("probe") ? ORDER_SHAPED : topology);
        ratio.put("latencyP50AtOne", latency);
        ratio.put("peakThroughput", throughput);
        line(
            "%s / engine (%s): latency (p50 at 1) %sx, peak throughput %sx.",
            topology.equals("probe") ? ORDER_SHAPED : ORDER_CREATE + " " + topology,
            engine,
            f2(latency),
            f2(throughput));
      }
    }

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
                  engine(r), f(r.path("topology")), f(r.path("xmx")), processes);
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
          f(check.path("topology")),
          f(check.path("sold")),
          f(check.path("orders")),
          ok ? "OK" : "FAILED");
    }
    json.put("checksPassed", passed);
    return json;
  }

  /** "probe", then the topologies order/create ran in on that engine. */
  private List<String> topologies(String engine) {
    List<String> topologies = new ArrayList<>();
    topologies.add("probe");
    points(engine, ORDER_CREATE, null)
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
    String first = engines.get(0);
    String last = engines.get(engines.size() - 1);
    StringBuilder header = new StringBuilder("| figure |");
    StringBuilder rule = new StringBuilder("| --- |");
    for (String engine : engines) {
      header.append(' ').append(engine).append(" |");
      rule.append(" ---: |");
    }
    line("Engines side by side (same machine, same run):");
    line("");
    line("%s %s / %s |", header, last, first);
    line("%s ---: |", rule);
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
      row(
          rows,
          engines,
          "order/create " + topology + " p50 at 1 (ms)",
          e -> p50AtOne(e, ORDER_CREATE, topology));
      row(
          rows,
          engines,
          "order/create " + topology + " peak (orders/s)",
          e -> peak(e, ORDER_CREATE, topology));
      row(
          rows,
          engines,
          "order/create " + topology + " / engine probe, latency",
          e -> ratio(p50AtOne(e, ORDER_CREATE, topology), p50AtOne(e, ENGINE, null)));
      row(
          rows,
          engines,
          "order/create " + topology + " / engine probe, peak",
          e -> ratio(peak(e, ORDER_CREATE, topology), peak(e, ENGINE, null)));
    }
    line("");
  }

  private void row(
      ArrayNode rows, List<String> engines, String figure, Function<String, Double> value) {
    ObjectNode json = rows.addObject();
    json.put("figure", figure);
    StringBuilder text = new StringBuilder("| ").append(figure).append(" |");
    for (String engine : engines) {
      Double v = value.apply(engine);
      json.put(engine, v);
      text.append(' ')
          .append(v != null && figure.contains("/ engine") ? f2(v) + "x" : f(v))
          .append(" |");
    }
    Double change =
        ratio(value.apply(engines.get(engines.size() - 1)), value.apply(engines.get(0)));
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
