package com.temporalmall.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** `--name value` command-line options, then optionally `--` and the rest as they are. */
final class Args {
  private final Map<String, String> values = new HashMap<>();
  private final List<String> rest = new ArrayList<>();

  Args(String[] args, int from) {
    for (int i = from; i < args.length; i += 2) {
      if (args[i].equals("--")) {
        rest.addAll(Arrays.asList(args).subList(i + 1, args.length));
        return;
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got: " + args[i]);
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
  }

  /** The arguments after `--` (empty if none). */
  List<String> rest() {
    return List.copyOf(rest);
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
