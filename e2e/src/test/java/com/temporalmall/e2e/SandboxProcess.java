package com.temporalmall.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The sandbox payment provider as deployed beside the mall: its own process ({@code
 * sandbox/target/mall-sandbox-*-exec.jar}, built before e2e), delivering its signed events to the
 * API on {@code apiPort}.
 */
final class SandboxProcess implements AutoCloseable {
  private static final Path JAR =
      Path.of("..", "sandbox", "target", "mall-sandbox-0.1.0-SNAPSHOT-exec.jar");

  private final Process process;
  private final int port;

  private SandboxProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static SandboxProcess start(int apiPort) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR + " is missing: build the sandbox module first");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Path log = Files.createTempFile("sandbox", ".log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-jar",
                  JAR.toString(),
                  "--server.port=" + port,
                  "--sandbox.webhook-secret=" + MallCluster.WEBHOOK_SECRET,
                  "--sandbox.webhook-url=http://127.0.0.1:" + apiPort + "/api/pay/callback")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      SandboxProcess sandbox = new SandboxProcess(process, port);
      sandbox.awaitUp(log);
      return sandbox;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitUp(Path log) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        break;
      }
      try {
        HttpResponse<Void> answer =
            http.send(
                HttpRequest.newBuilder(URI.create(url() + "/checkouts/none")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (answer.statusCode() == 404) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("the sandbox did not start; its log: " + log);
  }

  /** Its base URL, {@code http://127.0.0.1:<port>/sandbox/v1}. */
  String url() {
    return "http://127.0.0.1:" + port + "/sandbox/v1";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(Duration.ofSeconds(10))) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
