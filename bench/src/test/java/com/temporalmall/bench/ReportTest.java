package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  private static ObjectNode point(
      String engine,
      String scenario,
      String topology,
      int concurrency,
      double perSecond,
      double p50) {
    ObjectNode point = Json.MAPPER.createObjectNode();
    point.put("kind", "load");
    if (engine != null) {
      point.put("engine", engine);
    }
    point.put("scenario", scenario);
    point.put("topology", topology);
    point.put("concurrency", concurrency);
    point.put("perSecond", perSecond);
    point.put("p50Ms", p50);
    point.putObject("outcomes").put("200", 10);
    return point;
  }

  private static List<JsonNode> twoEngines() {
    List<JsonNode> fragments = new ArrayList<>();
    for (String engine : List.of("dev", "production")) {
      double slower = engine.equals("dev") ? 1 : 2;
      ObjectNode env = Json.MAPPER.createObjectNode();
      env.put("kind", "env");
      env.put("engine", engine);
      env.put("temporalServer", engine + " server");
      fragments.add(env);
      fragments.add(point(engine, Report.ENGINE, "probe", 1, 20 / slower, 40 * slower));
      fragments.add(point(engine, Report.ENGINE, "probe", 8, 50 / slower, 150 * slower));
      fragments.add(point(engine, Report.ORDER_SHAPED, "probe", 1, 30 / slower, 30 * slower));
      fragments.add(point(engine, Report.ORDER_CREATE, "split", 1, 15 / slower, 60 * slower));
      fragments.add(point(engine, Report.ORDER_CREATE, "split", 8, 40 / slower, 200 * slower));
    }
    return fragments;
  }

  @Test
  void everyEngineIsJudgedAgainstItsOwnProbeAndTheEnginesStandSideBySide() {
    Report report = new Report(twoEngines());
    ObjectNode json = report.build();

    assertThat(report.engines()).containsExactly("dev", "production");
    assertThat(json.at("/ratios/dev/split/latencyP50AtOne").asDouble()).isEqualTo(1.5);
    assertThat(json.at("/ratios/production/split/latencyP50AtOne").asDouble()).isEqualTo(1.5);
    assertThat(json.at("/ratios/dev/split/peakThroughput").asDouble()).isEqualTo(0.8);
    assertThat(report.peak("production", Report.ENGINE, null)).isEqualTo(25.0);
    assertThat(report.p50AtOne("dev", Report.ORDER_CREATE, "split")).isEqualTo(60.0);

    JsonNode rows = json.get("engines");
    JsonNode probeP50 = rows.get(0);
    assertThat(probeP50.get("figure").asText()).isEqualTo("engine probe p50 at 1 client (ms)");
    assertThat(probeP50.get("dev").asDouble()).isEqualTo(40.0);
    assertThat(probeP50.get("production").asDouble()).isEqualTo(80.0);
    assertThat(probeP50.get("lastOverFirst").asDouble()).isEqualTo(2.0);
    assertThat(report.toString())
        .contains("| figure | dev | production | production / dev |")
        .contains("| engine probe peak (workflows/s) | 50 | 25 | 0.50x |")
        .contains("| order/create split / engine probe, latency | 1.50x | 1.50x | 1.00x |")
        .contains("| production | - | order/create | split | 8 | 20 |")
        .contains("Engine probe (production): p50 80 ms at 1 client, peak 25 workflows/s.");
  }

  @Test
  void fragmentsWithoutAnEngineAreTheDevServersAndNeedNoSideBySideTable() {
    List<JsonNode> fragments =
        List.of(
            point(null, Report.ENGINE, "probe", 1, 20, 40),
            point(null, Report.ORDER_CREATE, "split", 1, 10, 60));
    Report report = new Report(fragments);
    ObjectNode json = report.build();

    assertThat(report.engines()).containsExactly("dev");
    assertThat(json.has("engines")).isFalse();
    assertThat(json.at("/ratios/dev/split/latencyP50AtOne").asDouble()).isEqualTo(1.5);
    assertThat(report.toString())
        .doesNotContain("side by side")
        .doesNotContain("CPU ms per placed order")
        .contains("| dev | - | order/create |");
  }

  private static ObjectNode cpu(
      ObjectNode fragment, long placed, double box, String... msPerOrder) {
    ObjectNode cpu = fragment.putObject("cpu");
    cpu.put("placed", placed);
    ObjectNode processes = cpu.putObject("processes");
    double sum = 0;
    for (int i = 0; i < msPerOrder.length; i += 2) {
      double ms = Double.parseDouble(msPerOrder[i + 1]);
      processes.put(msPerOrder[i], ms);
      sum += ms;
    }
    cpu.put("sumMsPerOrder", sum);
    cpu.put("boxBusyMsPerOrder", box);
    cpu.put("boxBusyPercent", 90.0);
    return fragment;
  }

  private static ObjectNode startup(String threads, long readyMs, long rssKb) {
    ObjectNode run = Json.MAPPER.createObjectNode();
    run.put("kind", "startup");
    run.put("threads", threads);
    run.put("readyMs", readyMs);
    run.put("startedSeconds", readyMs / 1000.0 - 1);
    run.put("rssKb", rssKb);
    return run;
  }

  /** A fragment of that kind from the dev engine's split topology in that thread mode. */
  private static ObjectNode splitOnDev(String kind, String threads) {
    ObjectNode fragment = Json.MAPPER.createObjectNode();
    fragment.put("kind", kind);
    fragment.put("engine", "dev");
    fragment.put("topology", "split");
    fragment.put("threads", threads);
    return fragment;
  }

  private static ObjectNode flash(String threads, int placed, double seconds) {
    ObjectNode flash = splitOnDev("flash", threads);
    flash.put("requests", 200);
    flash.put("placed", placed);
    flash.put("secondsToLastAnswer", seconds);
    return flash;
  }

  private static ObjectNode books(String threads, boolean ok) {
    ObjectNode books = splitOnDev("books", threads);
    books.put("initialStock", 20);
    books.put("stockLeft", ok ? 0 : 1);
    books.put("created", ok ? 20 : 19);
    books.put("ok", ok);
    return books;
  }

  private static List<JsonNode> twoThreadModes(boolean virtualBooksOk) {
    List<JsonNode> fragments = new ArrayList<>();
    // the standalone's startup runs before any engine, interleaved, and names no engine
    fragments.add(startup("platform", 20_000, 300_000));
    fragments.add(startup("virtual", 18_000, 310_000));
    fragments.add(startup("platform", 24_000, 290_000));
    fragments.add(startup("virtual", 19_000, 330_000));
    fragments.add(startup("platform", 21_000, 295_000));
    fragments.add(startup("virtual", 30_000, 320_000));
    fragments.add(point("dev", Report.ENGINE, "probe", 1, 20, 40));
    for (String threads : List.of("platform", "virtual")) {
      boolean virtual = threads.equals("virtual");
      ObjectNode one = point("dev", Report.ORDER_CREATE, "split", 1, 10, virtual ? 50 : 60);
      one.put("threads", threads);
      fragments.add(cpu(one, 150, 80, "temporal", "20", "mariadb", "5.5", "api", "12.25"));
      ObjectNode eight = point("dev", Report.ORDER_CREATE, "split", 8, virtual ? 30 : 25, 200);
      eight.put("threads", threads);
      fragments.add(
          cpu(eight, 400, virtual ? 45 : 50, "temporal", "15", "mariadb", "4", "api", "9"));
      fragments.add(
          cpu(
              flash(threads, 20, virtual ? 2 : 3),
              20,
              virtual ? 300 : 400,
              "temporal",
              "100",
              "postgresql",
              "50"));
      fragments.add(books(threads, !virtual || virtualBooksOk));
    }
    return fragments;
  }

  @Test
  void threadModesStandSideBySideWithCpuPerPlacedOrderAndTheStandalonesStartup() {
    Report report = new Report(twoThreadModes(true));
    ObjectNode json = report.build();
    String text = report.toString();

    assertThat(report.engines()).containsExactly("dev");
    assertThat(report.threadModes()).containsExactly("platform", "virtual");
    assertThat(report.p50AtOne("dev", Report.ORDER_CREATE, "split", "virtual")).isEqualTo(50.0);
    assertThat(report.peak("dev", Report.ORDER_CREATE, "split", "platform")).isEqualTo(25.0);
    assertThat(report.boxCpuAtTop("dev", "split", "virtual")).isEqualTo(45.0);
    assertThat(report.processesCpuAtTop("dev", "split", "virtual")).isEqualTo(28.0);
    assertThat(json.at("/ratios/dev/split virtual/peakThroughput").asDouble()).isEqualTo(1.5);
    assertThat(json.get("checksPassed").asBoolean()).isTrue();

    assertThat(text)
        .contains("| dev | virtual | order/create | split | 8 | 30 |")
        .contains(
            "| engine | threads | scenario | topology | conc. | placed | temporal | mariadb | api |"
                + " postgresql | sum | box busy | box busy % |")
        .contains(
            "| dev | platform | order/create | split | 1 | 150 | 20.0 | 5.50 | 12.3 | - | 37.8 | 80.0 | 90 |")
        .contains(
            "| dev | virtual | flash sale | split | 200 at once | 20 | 100 | - | - | 50.0 | 150 | 300 | 90 |")
        .contains("| order/create split (dev) peak (orders/s) | 25 | 30 | 1.20x |")
        .contains("| order/create split (dev) box CPU ms per order, top conc. | 50 | 45 | 0.90x |")
        .contains("| flash sale 200 at once: last answer after (s) | 3 | 2 | 0.67x |")
        .contains("| standalone: launch to ready, median (ms) | 21000 | 19000 | 0.90x |")
        .contains("| platform | 3 | 21000 | 20 | - | 288 | 20000 24000 21000 |")
        .contains("Flash sales (dev, split, virtual): order/create for one product each, stock 20;")
        .contains("| placed (200) | 20 | exactly 20: met |");

    JsonNode cpuRows = json.get("cpuPerPlacedOrder");
    assertThat(cpuRows).hasSize(6);
    assertThat(cpuRows.get(1).get("threads").asText()).isEqualTo("platform");
    assertThat(cpuRows.get(1).get("concurrency").asInt()).isEqualTo(8);
    assertThat(cpuRows.get(1).at("/msPerOrder/temporal").asDouble()).isEqualTo(15.0);
    assertThat(cpuRows.get(2).get("scenario").asText()).isEqualTo("flash sale");
    assertThat(json.at("/startup/1/threads").asText()).isEqualTo("virtual");
    assertThat(json.at("/startup/1/medianReadyMs").asDouble()).isEqualTo(19_000.0);
    assertThat(json.at("/startup/1/medianRssKb").asDouble()).isEqualTo(320_000.0);
    assertThat(json.at("/flashSales/1/books/threads").asText()).isEqualTo("virtual");
  }

  @Test
  void eachThreadModesFlashSaleIsJudgedByItsOwnBooks() {
    ObjectNode json = new Report(twoThreadModes(false)).build();

    assertThat(json.at("/flashSales/0/books/ok").asBoolean()).isTrue();
    assertThat(json.at("/flashSales/1/books/ok").asBoolean()).isFalse();
    assertThat(json.get("checksPassed").asBoolean()).isFalse();
  }

  private static ObjectNode sale(
      long pid, int requests, int connections, int placed, double seconds, int executions) {
    ObjectNode flash = splitOnDev("flash", "virtual");
    flash.put("product", pid);
    flash.put("requests", requests);
    flash.put("connections", connections);
    flash.putObject("outcomes").put("200", placed).put("409", requests - placed);
    flash.put("placed", placed);
    flash.put("rejected", requests - placed);
    flash.put("other", 0);
    flash.put("unanswered", 0);
    flash.put("secondsToLastAnswer", seconds);
    flash.put("lastPlacedAfterMs", seconds * 500);
    ObjectNode books = splitOnDev("books", "virtual");
    books.put("product", pid);
    books.put("initialStock", 100);
    books.put("stockLeft", 100 - placed);
    books.put("created", placed);
    books.put("paid", 0);
    books.put("compensated", executions - placed);
    books.put("executionsStarted", executions);
    books.put("ok", placed == 100);
    flash.set("books-for-test", books);
    return flash;
  }

  private static List<JsonNode> twoSalesAndSoldOut(boolean soldOutWrote) {
    List<JsonNode> fragments = new ArrayList<>();
    for (ObjectNode flash :
        List.of(sale(7, 1000, 1000, 100, 2.5, 100), sale(8, 10_000, 1000, 100, 16, 250))) {
      JsonNode books = flash.remove("books-for-test");
      fragments.add(flash);
      fragments.add(books);
    }
    for (int connections : List.of(1, 32)) {
      ObjectNode point = point("dev", Report.SOLD_OUT, "split", connections, 900, 2);
      point.put("threads", "virtual");
      point.put("counted", 409);
      point.put("p99Ms", 4);
      point.remove("outcomes");
      point.putObject("outcomes").put("409", 13_000);
      fragments.add(point);
      ObjectNode books = splitOnDev("soldOut", "virtual");
      books.put("product", 9);
      books.put("connections", connections);
      books.put("orderRows", soldOutWrote && connections == 32 ? 1 : 0);
      books.put("executions", 0);
      fragments.add(books);
    }
    return fragments;
  }

  @Test
  void bothFlashSalesAndTheSoldOutPointStandBesideTheirTargets() {
    Report report = new Report(twoSalesAndSoldOut(false));
    ObjectNode json = report.build();
    String text = report.toString();

    assertThat(json.get("checksPassed").asBoolean()).isTrue();
    assertThat(text)
        .contains("| figure | 1000 at once | target | 10000 from 1000 connections | target |")
        .contains("| answers by status | 200:100 409:900 | only 200 and 409: met |")
        .contains("| last answer after (s) | 2.5 | <= 5 s: met | 16 | <= 15 s: MISSED |")
        .contains(
            "| Temporal executions started (OrderSaga of the product) | 100 | <= 2x stock (200): met"
                + " | 250 | <= 2x stock (200): MISSED |")
        .contains(
            "| order rows written, status 0 / 1 / 9 | 100 / 0 / 0 | status 9 <= stock (100): met"
                + " | 100 / 0 / 150 | status 9 <= stock (100): MISSED |")
        .contains("| sold out after (s), the last 200 | 1.3 | - | 8 | - |")
        .contains("| 1 | 900 | 2 | 4 | 409:13000 | 0 | 0 | p50 <= 5 ms: met | OK |")
        .contains("| 32 | 900 | 2 | 4 | 409:13000 | 0 | 0 | >= 1000 answers/s: MISSED | OK |");
    assertThat(json.at("/flashSales/1/books/product").asLong()).isEqualTo(8);
    assertThat(json.at("/flashSales/1/label").asText()).isEqualTo("10000 from 1000 connections");
    assertThat(json.at("/flashSales/1/targets/4/met").asBoolean()).isFalse();
    assertThat(json.at("/soldOut/0/met").asBoolean()).isTrue();
    assertThat(json.at("/soldOut/1/target").asText()).isEqualTo(">= 1000 answers/s");
  }

  @Test
  void aSoldOutProductThatWritesAnOrderRowFailsTheBench() {
    ObjectNode json = new Report(twoSalesAndSoldOut(true)).build();

    assertThat(json.at("/soldOut/0/ok").asBoolean()).isTrue();
    assertThat(json.at("/soldOut/1/ok").asBoolean()).isFalse();
    assertThat(json.get("checksPassed").asBoolean()).isFalse();
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    List<JsonNode> runs =
        List.of(
            startup("platform", 4, 1),
            startup("platform", 1, 1),
            startup("platform", 10, 1),
            startup("platform", 2, 1));
    assertThat(Report.median(runs, "readyMs")).isEqualTo(3.0);
    assertThat(Report.median(runs, "missing")).isNull();
  }
}
