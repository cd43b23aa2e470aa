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
        .contains("| production | order/create | split | 8 | 20 |")
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
    assertThat(report.toString()).doesNotContain("side by side").contains("| dev | order/create |");
  }
}
