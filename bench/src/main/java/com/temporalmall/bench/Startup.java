package com.temporalmall.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `startup --threads MODE --run I --log FILE --out F [--timeout S] -- java ... -jar
 * temporal-mall-standalone.jar`: launches the command on a free port (PORT) with no MALL_*,
 * TEMPORAL_*, SPRING_* variables (the embedded default as a user starts it, not wired to the
 * bench's MariaDB), measures the milliseconds from launch until /actuator/health/readiness answers
 * UP (polled every 50 ms), reads the "Started ... in X seconds (process running for Y)" line of its
 * log and its VmRSS once ready, then stops it (SIGTERM, SIGKILL after 30 s). One run, one fragment;
 * the report takes the median over the runs of a thread mode.
 */
final class Startup {
  private static final Pattern STARTED =
      Pattern.compile("Started \\S+ in ([0-9.]+) seconds(?: \\(process running for ([0-9.]+)\\))?");
  private static final Duration POLL = Duration.ofMillis(50);

  private Startup() {}

  static void main(Args args) throws Exception {
    List<String> command = args.rest();
    if (command.isEmpty()) {
      throw new IllegalArgumentException("startup: the command to start goes after --");
    }
    Duration timeout = args.seconds("timeout", 180);
    Path log = Path.of(args.get("log"));
    int port = MallProcess.freePort();
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(
            name ->
                name.startsWith("MALL_")
                    || name.startsWith("TEMPORAL_")
                    || name.startsWith("SPRING_")
                    || name.equals("PORT"));
    builder.environment().put("PORT", String.valueOf(port));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest readiness =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();

    long launched = System.nanoTime();
    Process process = builder.start();
    try {
      long readyNanos = -1;
      while (readyNanos < 0) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "the process exited with "
                  + process.exitValue()
                  + " before it was ready (log: "
                  + log
                  + ")");
        }
        if (System.nanoTime() - launched > timeout.toNanos()) {
          throw new IllegalStateException("not ready after " + timeout + " (log: " + log + ")");
        }
        if (ready(http, readiness)) {
          readyNanos = System.nanoTime() - launched;
        } else {
          Thread.sleep(POLL.toMillis());
        }
      }
      Long rssKb =
          rssKb(Files.readString(Path.of("/proc", String.valueOf(process.pid()), "status")));
      Matcher started = null;
      for (int i = 0; i < 40 && started == null; i++) {
        started = started(Files.readString(log));
        if (started == null) {
          Thread.sleep(POLL.toMillis());
        }
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("kind", "startup");
      result.put("threads", args.get("threads", null));
      result.put("run", args.integer("run", 1));
      result.put("readyMs", Math.round(readyNanos / 1e6));
      result.put("startedSeconds", started == null ? null : Double.parseDouble(started.group(1)));
      result.put(
          "processRunningSeconds",
          started == null || started.group(2) == null
              ? null
              : Double.parseDouble(started.group(2)));
      result.put("rssKb", rssKb);
      Json.write(Path.of(args.get("out")), result);
      System.out.println(Json.write(result));
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The JVM's own "Started ... in X seconds (process running for Y)" line, or null. */
  static Matcher started(String log) {
    Matcher matcher = STARTED.matcher(log);
    return matcher.find() ? matcher : null;
  }

  /** VmRSS in kB from a /proc/[pid]/status text, or null. */
  static Long rssKb(String status) {
    for (String line : status.lines().toList()) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+", -1)[0]);
      }
    }
    return null;
  }

  private static boolean ready(HttpClient http, HttpRequest readiness) throws InterruptedException {
    try {
      HttpResponse<String> response = http.send(readiness, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    }
  }
}
