package com.temporalmall.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the `temporal` CLI that scripts/test.sh installed (MALL_TEST_TEMPORAL_CLI), as an operator
 * would.
 */
final class TemporalCli {
  private final String binary;
  private final String address;

  TemporalCli(String address) {
    String cli = System.getenv("MALL_TEST_TEMPORAL_CLI");
    if (cli == null || cli.isBlank()) {
      throw new IllegalStateException(
          "MALL_TEST_TEMPORAL_CLI is not set: the runbook is tested with the real temporal CLI."
              + " Run scripts/test.sh (see README).");
    }
    this.binary = cli;
    this.address = address;
  }

  /** `temporal <args> --address ...`; fails on a non-zero exit; returns stdout and stderr. */
  String run(String... args) {
    List<String> command = new ArrayList<>(List.of(binary));
    command.addAll(List.of(args));
    command.add("--address");
    command.add(address);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
