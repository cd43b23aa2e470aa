package com.temporalmall.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of named processes and of the whole box, from Linux's /proc, for "CPU ms per placed
 * order". A named process is a pid and every live process below it (by parent pid): each counts
 * utime + stime (all its threads) + cutime + cstime (its children that ended and that it reaped),
 * so a forking server (PostgreSQL: one backend per connection) is counted whole by its postmaster's
 * pid, backends that ended included. The box is /proc/stat's first line: busy = user + nice +
 * system + irq + softirq + steal, total = busy + idle + iowait. Both are in clock ticks (USER_HZ).
 */
final class Cpu {

  /** The bench JVM itself, always measured. */
  static final String LOAD_GENERATOR = "load-generator";

  /** A process to measure: its name in the report and the pid at the top of its tree. */
  record Target(String name, long pid) {}

  /**
   * One reading: ticks per named process (absent: it was gone), of its JIT compiler threads (a
   * JVM's "C1/C2 CompilerThread"s; absent for a process without any), the box's busy and total
   * ticks, and when (System.nanoTime).
   */
  record Snapshot(
      Map<String, Long> ticks,
      Map<String, Long> jitTicks,
      long boxBusy,
      long boxTotal,
      long nanos) {
    Snapshot(Map<String, Long> ticks, long boxBusy, long boxTotal, long nanos) {
      this(ticks, Map.of(), boxBusy, boxTotal, nanos);
    }
  }

  /** One /proc/[pid]/stat line: its parent and its own and its reaped children's CPU ticks. */
  record Stat(long pid, long ppid, long ticks) {}

  private final Path proc;
  private final List<Target> targets;
  private final int ticksPerSecond;

  Cpu(Path proc, List<Target> targets, int ticksPerSecond) {
    this.proc = proc;
    this.targets = List.copyOf(targets);
    this.ticksPerSecond = ticksPerSecond;
  }

  /**
   * The processes of `--cpu name=pid,name=pid` plus this JVM as {@link #LOAD_GENERATOR}, ticks per
   * second from `--clock-ticks` (getconf CLK_TCK, 100 on Linux); null without `--cpu`.
   */
  static Cpu fromArgs(Args args) {
    String spec = args.get("cpu", null);
    if (spec == null) {
      return null;
    }
    List<Target> targets = new ArrayList<>(targets(spec));
    targets.add(new Target(LOAD_GENERATOR, ProcessHandle.current().pid()));
    return new Cpu(Path.of("/proc"), targets, args.integer("clock-ticks", 100));
  }

  /** `name=pid,name=pid` (blank entries skipped). */
  static List<Target> targets(String spec) {
    List<Target> targets = new ArrayList<>();
    for (String entry : spec.split(",", -1)) {
      if (entry.isBlank()) {
        continue;
      }
      int eq = entry.lastIndexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--cpu: expected name=pid, got: " + entry);
      }
      targets.add(
          new Target(
              entry.substring(0, eq).trim(), Long.parseLong(entry.substring(eq + 1).trim())));
    }
    return targets;
  }

  /**
   * A /proc/[pid]/stat line. The command (field 2) is in parentheses and may itself hold spaces and
   * parentheses, so the fields are counted from its last ')': state, ppid, ..., utime (14), stime
   * (15), cutime (16), cstime (17).
   */
  static Stat parseStat(String line) {
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/[pid]/stat line: " + line);
    }
    long pid = Long.parseLong(line.substring(0, open).trim());
    String[] fields = line.substring(close + 1).trim().split("\\s+", -1);
    // fields[0] is field 3 (state): field n is fields[n - 3]
    long ticks =
        Long.parseLong(fields[11])
            + Long.parseLong(fields[12])
            + Long.parseLong(fields[13])
            + Long.parseLong(fields[14]);
    return new Stat(pid, Long.parseLong(fields[1]), ticks);
  }

  /** /proc/stat's aggregate "cpu" line: {busy, total} ticks over all cores. */
  static long[] parseBox(String procStat) {
    for (String line : procStat.lines().toList()) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+", -1);
        long user = Long.parseLong(f[1]);
        long nice = Long.parseLong(f[2]);
        long system = Long.parseLong(f[3]);
        long idle = Long.parseLong(f[4]);
        long iowait = f.length > 5 ? Long.parseLong(f[5]) : 0;
        long irq = f.length > 6 ? Long.parseLong(f[6]) : 0;
        long softirq = f.length > 7 ? Long.parseLong(f[7]) : 0;
        long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
        // guest and guest_nice (f[9], f[10]) are already counted in user and nice
        long busy = user + nice + system + irq + softirq + steal;
        return new long[] {busy, busy + idle + iowait};
      }
    }
    throw new IllegalArgumentException("no aggregate cpu line in /proc/stat");
  }

  /**
   * Ticks of each root's tree (the root and its live descendants), from every process's stat;
   * absent for a root that is not among them.
   */
  static Map<String, Long> treeTicks(List<Target> targets, List<Stat> stats) {
    Map<Long, Stat> byPid = new HashMap<>();
    Map<Long, List<Long>> children = new HashMap<>();
    for (Stat stat : stats) {
      byPid.put(stat.pid(), stat);
      children.computeIfAbsent(stat.ppid(), p -> new ArrayList<>()).add(stat.pid());
    }
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (Target target : targets) {
      if (!byPid.containsKey(target.pid())) {
        continue;
      }
      long sum = 0;
      Deque<Long> todo = new ArrayDeque<>(List.of(target.pid()));
      while (!todo.isEmpty()) {
        long pid = todo.pop();
        sum += byPid.get(pid).ticks();
        todo.addAll(children.getOrDefault(pid, List.of()));
      }
      ticks.merge(target.name(), sum, Long::sum);
    }
    return ticks;
  }

  /**
   * Whether a thread (its /proc comm, 15 characters at most) is one of HotSpot's JIT compiler
   * threads: "C1 CompilerThre", "C2 CompilerThre".
   */
  static boolean jitThread(String comm) {
    return comm.matches("C[12] CompilerThr.*");
  }

  /**
   * The ticks of a process's JIT compiler threads (its /proc/[pid]/task/[tid]/stat), null if it has
   * none or is gone.
   */
  private Long jitTicks(long pid) {
    long sum = 0;
    boolean any = false;
    try (Stream<Path> tasks = Files.list(proc.resolve(String.valueOf(pid)).resolve("task"))) {
      for (Path task : tasks.toList()) {
        try {
          String line = Files.readString(task.resolve("stat"));
          String comm = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
          if (jitThread(comm)) {
            sum += parseStat(line).ticks();
            any = true;
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended while we looked
        }
      }
    } catch (IOException e) {
      return null;
    }
    return any ? sum : null;
  }

  /** Reads every process's stat and the box's, now. */
  Snapshot snapshot() {
    List<Stat> stats = new ArrayList<>();
    try (Stream<Path> entries = Files.list(proc)) {
      for (Path dir : entries.toList()) {
        String name = dir.getFileName().toString();
        if (name.isEmpty() || !name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          stats.add(parseStat(Files.readString(dir.resolve("stat"))));
        } catch (IOException | IllegalArgumentException e) {
          // the process ended while we looked (NoSuchFileException, ESRCH), or its stat is not
          // what we parse: not ours to count
        }
      }
      Map<String, Long> jit = new LinkedHashMap<>();
      for (Target target : targets) {
        Long ticks = jitTicks(target.pid());
        if (ticks != null) {
          jit.merge(target.name(), ticks, Long::sum);
        }
      }
      long[] box = parseBox(Files.readString(proc.resolve("stat")));
      return new Snapshot(treeTicks(targets, stats), jit, box[0], box[1], System.nanoTime());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@link #perOrder(Snapshot, Snapshot, long, int)} at this meter's clock. */
  Map<String, Object> perOrder(Snapshot before, Snapshot after, long placed) {
    return perOrder(before, after, placed, ticksPerSecond);
  }

  /**
   * CPU over the window between two snapshots, per placed order: for each process present in both
   * (`processes`: name to ms per order), their sum, the box's busy time, and the box's busy share
   * of all its cores. Per-order figures are null when nothing was placed.
   */
  static Map<String, Object> perOrder(
      Snapshot before, Snapshot after, long placed, int ticksPerSecond) {
    double msPerTick = 1000.0 / ticksPerSecond;
    Map<String, Object> cpu = new LinkedHashMap<>();
    cpu.put("placed", placed);
    cpu.put("windowSeconds", round((after.nanos() - before.nanos()) / 1e9, 2));
    Map<String, Object> cpuMs = new LinkedHashMap<>();
    Map<String, Object> processes = new LinkedHashMap<>();
    double sum = 0;
    for (Map.Entry<String, Long> entry : before.ticks().entrySet()) {
      Long end = after.ticks().get(entry.getKey());
      if (end == null) {
        continue;
      }
      double ms = (end - entry.getValue()) * msPerTick;
      sum += ms;
      cpuMs.put(entry.getKey(), round(ms, 0));
      processes.put(entry.getKey(), perOrder(ms, placed));
    }
    double boxBusyMs = (after.boxBusy() - before.boxBusy()) * msPerTick;
    long boxTicks = after.boxTotal() - before.boxTotal();
    cpu.put("processes", processes);
    Map<String, Object> jit = new LinkedHashMap<>();
    for (Map.Entry<String, Long> entry : before.jitTicks().entrySet()) {
      Long end = after.jitTicks().get(entry.getKey());
      if (end != null) {
        jit.put(entry.getKey(), perOrder((end - entry.getValue()) * msPerTick, placed));
      }
    }
    if (!jit.isEmpty()) {
      // included in "processes": the JVMs' JIT compiler threads, still compiling in the window
      cpu.put("jitMsPerOrder", jit);
    }
    cpu.put("sumMsPerOrder", perOrder(sum, placed));
    cpu.put("boxBusyMsPerOrder", perOrder(boxBusyMs, placed));
    cpu.put(
        "boxBusyPercent",
        boxTicks > 0 ? round(100.0 * (after.boxBusy() - before.boxBusy()) / boxTicks, 1) : null);
    cpuMs.put("sum", round(sum, 0));
    cpuMs.put("boxBusy", round(boxBusyMs, 0));
    cpu.put("cpuMs", cpuMs);
    return cpu;
  }

  /** {@link #perSecond(Snapshot, Snapshot, int)} at this meter's clock. */
  Map<String, Object> perSecond(Snapshot before, Snapshot after) {
    return perSecond(before, after, ticksPerSecond);
  }

  /**
   * CPU over the window between two snapshots per second of it, e.g. of processes at rest: for each
   * process present in both ({@code processes}: name to ms per second), their sum and the box's
   * busy time.
   */
  static Map<String, Object> perSecond(Snapshot before, Snapshot after, int ticksPerSecond) {
    double msPerTick = 1000.0 / ticksPerSecond;
    double seconds = (after.nanos() - before.nanos()) / 1e9;
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("windowSeconds", round(seconds, 2));
    Map<String, Object> processes = new LinkedHashMap<>();
    double sum = 0;
    for (Map.Entry<String, Long> entry : before.ticks().entrySet()) {
      Long end = after.ticks().get(entry.getKey());
      if (end == null) {
        continue;
      }
      double ms = (end - entry.getValue()) * msPerTick;
      sum += ms;
      processes.put(entry.getKey(), seconds > 0 ? round(ms / seconds, 2) : null);
    }
    rate.put("processes", processes);
    rate.put("sumMsPerSecond", seconds > 0 ? round(sum / seconds, 2) : null);
    rate.put(
        "boxBusyMsPerSecond",
        seconds > 0 ? round((after.boxBusy() - before.boxBusy()) * msPerTick / seconds, 2) : null);
    return rate;
  }

  private static Double perOrder(double ms, long placed) {
    return placed > 0 ? round(ms / placed, 2) : null;
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }
}
