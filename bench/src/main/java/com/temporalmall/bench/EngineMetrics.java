package com.temporalmall.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Temporal engine's own request counters, from its Prometheus endpoint (the dev server's {@code
 * --metrics-port}, temporal-server's {@code global.metrics.prometheus}), read right before and
 * after a measured window: per counted answer, the gRPC requests its clients made (the frontend's
 * {@code service_requests} by operation), its persistence requests and its visibility writes (by
 * operation). Where the engine's CPU goes is in these: every request the mall makes and the probe
 * does not is one of them.
 */
final class EngineMetrics implements ClosedLoop.Meter {
  /** A family read, the series filtered by one label (null: all) and summed by operation. */
  record Family(String group, String name, String label, String value) {}

  static final Family[] FAMILIES = {
    new Family("frontend", "service_requests", "service_name", "frontend"),
    new Family("persistence", "persistence_requests", null, null),
    new Family("visibility", "visibility_persistence_requests", null, null)
  };

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI endpoint;
  private Map<String, Map<String, Double>> before;

  EngineMetrics(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** From `--engine-metrics URL`; null without it. */
  static EngineMetrics fromArgs(Args args) {
    String url = args.get("engine-metrics", null);
    return url == null || url.isBlank() ? null : new EngineMetrics(URI.create(url));
  }

  /**
   * Prometheus text: each family of {@link #FAMILIES} as group to operation to value (series of an
   * operation summed over their other labels).
   */
  static Map<String, Map<String, Double>> parse(String text) {
    Map<String, Map<String, Double>> groups = new LinkedHashMap<>();
    for (Family family : FAMILIES) {
      groups.put(family.group(), new TreeMap<>());
    }
    for (String line : text.lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line.trim());
      if (!sample.matches()) {
        continue;
      }
      for (Family family : FAMILIES) {
        if (!family.name().equals(sample.group(1))) {
          continue;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
        if (family.label() != null && !family.value().equals(labels.get(family.label()))) {
          continue;
        }
        double value;
        try {
          value = Double.parseDouble(sample.group(3));
        } catch (NumberFormatException notANumber) {
          continue;
        }
        groups.get(family.group()).merge(labels.getOrDefault("operation", "-"), value, Double::sum);
      }
    }
    return groups;
  }

  /**
   * Per counted answer: each group's operations that grew in the window (at least 0.005 per answer,
   * 2 decimals) and the group's total.
   */
  static Map<String, Object> perAnswer(
      Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after, long count) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (count <= 0) {
      return result;
    }
    for (Map.Entry<String, Map<String, Double>> group : after.entrySet()) {
      Map<String, Double> start = before.getOrDefault(group.getKey(), Map.of());
      Map<String, Object> operations = new LinkedHashMap<>();
      double total = 0;
      for (Map.Entry<String, Double> operation : group.getValue().entrySet()) {
        double grew = operation.getValue() - start.getOrDefault(operation.getKey(), 0.0);
        if (grew <= 0) {
          continue;
        }
        total += grew;
        double each = grew / count;
        if (each >= 0.005) {
          operations.put(operation.getKey(), Math.round(each * 100) / 100.0);
        }
      }
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("total", Math.round(total / count * 100) / 100.0);
      figures.put("operations", operations);
      result.put(group.getKey(), figures);
    }
    return result;
  }

  /** The endpoint's counters now; null (and a notice) if it cannot be read. */
  Map<String, Map<String, Double>> scrape() {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("engine metrics " + endpoint + ": HTTP " + response.statusCode());
        return null;
      }
      return parse(response.body());
    } catch (IOException e) {
      System.err.println("engine metrics " + endpoint + ": " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  @Override
  public void start() {
    before = scrape();
  }

  @Override
  public void stop(long counted, Map<String, Object> point) {
    Map<String, Map<String, Double>> after = scrape();
    if (before != null && after != null) {
      point.put("engineRequests", perAnswer(before, after, counted));
    }
  }
}
