package com.temporalmall.bench;

import java.util.Arrays;

/** Entry point of the bench tools; scripts/bench.sh starts the processes and calls these. */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty(
        "org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.log", "warn"));
    if (args.length == 0) {
      System.err.println(
          "usage: worker|probe|setup|http|flash|history|startup|report|chaos --name value ...");
      System.exit(2);
    }
    Args options = new Args(args, 1);
    switch (args[0]) {
      case "worker" -> Probes.worker(options);
      case "probe" -> Probes.probe(options);
      case "setup" -> Mall.setup(options);
      case "http" -> Mall.load(options);
      case "flash" -> Mall.flash(options);
      case "history" -> Histories.main(options);
      case "startup" -> Startup.main(options);
      case "report" -> Report.main(options);
      case "chaos" -> ChaosSuite.main(options);
      default -> throw new IllegalArgumentException("unknown command " + Arrays.toString(args));
    }
    System.exit(0);
  }
}
