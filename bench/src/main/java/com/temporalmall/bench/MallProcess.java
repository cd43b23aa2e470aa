package com.temporalmall.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One mall JVM of the chaos suite: started, killed with SIGKILL and started again on the same port,
 * or frozen with SIGSTOP and resumed with SIGCONT.
 */
final class MallProcess {
  private static final HttpClient PROBE =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  final String name;
  final int port;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private final String readinessPath;
  private volatile Process process;
  private volatile boolean paused;

  MallProcess(String name, List<String> command, Map<String, String> environment, Path runDir)
      throws IOException {
    this(name, command, environment, runDir, "/actuator/health/readiness");
  }

  /**
   * A JVM answering 200 on {@code readinessPath} once it is ready (the sandbox provider has no
   * actuator: it is ready when its ledger answers).
   */
  MallProcess(
      String name,
      List<String> command,
      Map<String, String> environment,
      Path runDir,
      String readinessPath)
      throws IOException {
    this.name = name;
    this.port = freePort();
    this.command = command;
    this.environment = environment;
    this.log = runDir.resolve(name + ".log");
    this.readinessPath = readinessPath;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  void start() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    builder.environment().put("PORT", String.valueOf(port));
    // The sandbox provider reads Spring Boot's own server.port; the mall's JVMs read PORT.
    builder.environment().put("SERVER_PORT", String.valueOf(port));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    process = builder.start();
    paused = false;
  }

  /**
   * Polls the readiness probe (for the mall's JVMs: Temporal and the database reachable); fails if
   * the JVM exits.
   */
  void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest readiness =
        HttpRequest.newBuilder(URI.create(url() + readinessPath))
            .timeout(Duration.ofSeconds(5))
            .build();
    while (true) {
      Process current = process;
      if (current == null || !current.isAlive()) {
        throw new IllegalStateException(name + " exited while starting (log: " + log + ")");
      }
      try {
        if (PROBE.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            name + " not ready after " + timeout + " (log: " + log + ")");
      }
      TimeUnit.MILLISECONDS.sleep(300);
    }
  }

  /** kill -9: no shutdown hook, no graceful worker shutdown, requests in flight are cut. */
  void kill() throws InterruptedException {
    Process current = process;
    if (current != null) {
      current.destroyForcibly();
      current.waitFor();
    }
  }

  /** For a shutdown hook: SIGKILL without waiting. */
  void killQuietly() {
    Process current = process;
    if (current != null) {
      current.destroyForcibly();
    }
  }

  /**
   * SIGSTOP: the JVM stays alive and connected but runs nothing - no request answered, no task
   * polled, no heartbeat - until {@link #resume}.
   */
  void pause() throws IOException, InterruptedException {
    signal("STOP");
    paused = true;
  }

  /** SIGCONT after {@link #pause}. */
  void resume() throws IOException, InterruptedException {
    signal("CONT");
    paused = false;
  }

  boolean paused() {
    return paused;
  }

  private void signal(String signal) throws IOException, InterruptedException {
    Process current = process;
    if (current == null || !current.isAlive()) {
      throw new IllegalStateException(name + " is not running: no SIG" + signal);
    }
    Process kill =
        new ProcessBuilder("kill", "-" + signal, String.valueOf(current.pid()))
            .redirectErrorStream(true)
            .start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + name + " failed");
    }
  }

  void stop() throws InterruptedException {
    Process current = process;
    if (current == null) {
      return;
    }
    if (paused && current.isAlive()) {
      // A frozen JVM would hold SIGTERM until its grace period ran out.
      try {
        resume();
      } catch (IOException | RuntimeException e) {
        System.err.println("[chaos] could not resume " + name + ": " + e);
      }
    }
    current.destroy();
    if (!current.waitFor(30, TimeUnit.SECONDS)) {
      current.destroyForcibly();
      current.waitFor();
    }
  }

  /** A TCP port nothing listens on (on any address) right now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
