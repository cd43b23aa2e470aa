package com.temporalmall.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** `--name value` command-line options. */
final class Args {
  private final Map<String, String> values = new HashMap<>();

  Args(String[] args, int from) {
    for (int i = from; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got: " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  String get(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return value;
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  int integer(String name, int fallback) {
    return Integer.parseInt(get(name, String.valueOf(fallback)));
  }

  Duration seconds(String name, double fallback) {
    return Duration.ofMillis(
        Math.round(Double.parseDouble(get(name, String.valueOf(fallback))) * 1000));
  }
}
