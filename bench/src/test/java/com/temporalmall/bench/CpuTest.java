package com.temporalmall.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTest {
  /** A /proc/[pid]/stat line with these fields (the rest zero), as the kernel writes it. */
  private static String stat(
      long pid, String comm, long ppid, long ut, long st, long cut, long cst) {
    return pid
        + " ("
        + comm
        + ") S "
        + ppid
        + " 1 1 0 -1 4194560 100 0 0 0 "
        + ut
        + " "
        + st
        + " "
        + cut
        + " "
        + cst
        + " 20 0 37 0 12345 1000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n";
  }

  @Test
  void aStatLineCountsItsOwnAndItsReapedChildrensTicksWhateverItsCommandIsCalled() {
    Cpu.Stat stat = Cpu.parseStat(stat(4242, "postgres: temporal (x) idle", 17, 120, 30, 7, 3));

    assertThat(stat.pid()).isEqualTo(4242);
    assertThat(stat.ppid()).isEqualTo(17);
    assertThat(stat.ticks()).isEqualTo(160);
    assertThatThrownBy(() -> Cpu.parseStat("garbage")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theBoxIsBusyForEverythingButIdleAndIowaitAndGuestTimeIsNotCountedTwice() {
    long[] box =
        Cpu.parseBox(
            "cpu  1000 50 300 8000 100 10 20 5 400 0\ncpu0 500 25 150 4000 50 5 10 2 200 0\n");

    assertThat(box[0]).isEqualTo(1000 + 50 + 300 + 10 + 20 + 5);
    assertThat(box[1]).isEqualTo(1385 + 8000 + 100);
  }

  @Test
  void aNamedProcessIsItsWholeTreeAndAGoneProcessIsAbsent() {
    List<Cpu.Stat> stats =
        List.of(
            new Cpu.Stat(1, 0, 999),
            new Cpu.Stat(100, 1, 40), // postmaster, its reaped backends in its cutime
            new Cpu.Stat(101, 100, 5), // checkpointer
            new Cpu.Stat(102, 100, 7), // backend
            new Cpu.Stat(103, 102, 2), // a backend's child
            new Cpu.Stat(200, 1, 300), // mariadbd
            new Cpu.Stat(300, 1, 11)); // another box process
    Map<String, Long> ticks =
        Cpu.treeTicks(
            List.of(
                new Cpu.Target("postgresql", 100),
                new Cpu.Target("mariadb", 200),
                new Cpu.Target("api", 4711)),
            stats);

    assertThat(ticks).containsExactly(Map.entry("postgresql", 54L), Map.entry("mariadb", 300L));
  }

  @Test
  void perOrderDividesEachProcessesTicksInTheWindowByThePlacedOrders() {
    Map<String, Long> before = new LinkedHashMap<>();
    before.put("temporal", 100L);
    before.put("api", 50L);
    before.put("order-worker", 10L);
    Map<String, Long> after = new LinkedHashMap<>();
    after.put("temporal", 300L);
    after.put("api", 150L); // order-worker crashed during the window
    Map<String, Object> cpu =
        Cpu.perOrder(
            new Cpu.Snapshot(before, 1_000, 4_000, 0),
            new Cpu.Snapshot(after, 1_500, 5_000, 10_000_000_000L),
            10,
            100);

    assertThat(cpu.get("placed")).isEqualTo(10L);
    assertThat(cpu.get("windowSeconds")).isEqualTo(10.0);
    assertThat(cpu.get("processes"))
        .isEqualTo(Map.of("temporal", 200.0, "api", 100.0)); // 2000 ms, 1000 ms over 10 orders
    assertThat(cpu.get("sumMsPerOrder")).isEqualTo(300.0);
    assertThat(cpu.get("boxBusyMsPerOrder")).isEqualTo(500.0);
    assertThat(cpu.get("boxBusyPercent")).isEqualTo(50.0);
    assertThat(cpu.get("cpuMs"))
        .isEqualTo(Map.of("temporal", 2000.0, "api", 1000.0, "sum", 3000.0, "boxBusy", 5000.0));

    Map<String, Object> none =
        Cpu.perOrder(
            new Cpu.Snapshot(before, 1_000, 4_000, 0),
            new Cpu.Snapshot(after, 1_500, 5_000, 1),
            0,
            100);
    assertThat(none.get("sumMsPerOrder")).isNull();
    assertThat(((Map<?, ?>) none.get("processes")).get("api")).isNull();
  }

  @Test
  void targetsAreNamePidPairs() {
    assertThat(Cpu.targets("temporal=12, mariadb=34,,api=56"))
        .containsExactly(
            new Cpu.Target("temporal", 12),
            new Cpu.Target("mariadb", 34),
            new Cpu.Target("api", 56));
    assertThatThrownBy(() -> Cpu.targets("12")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSnapshotReadsEveryProcessDirectoryAndTheBoxLine(@TempDir Path proc) throws IOException {
    write(proc.resolve("100/stat"), stat(100, "postgres", 1, 30, 10, 5, 5));
    write(proc.resolve("101/stat"), stat(101, "postgres", 100, 3, 2, 0, 0));
    write(proc.resolve("200/stat"), stat(200, "java", 1, 70, 20, 0, 0));
    write(proc.resolve("200/task/200/stat"), stat(200, "java", 1, 1, 1, 0, 0));
    write(proc.resolve("200/task/201/stat"), stat(201, "C2 CompilerThre", 1, 30, 2, 0, 0));
    write(proc.resolve("200/task/202/stat"), stat(202, "C1 CompilerThre", 1, 6, 1, 0, 0));
    write(proc.resolve("200/task/203/stat"), stat(203, "GC Thread#0", 1, 9, 0, 0, 0));
    Files.createDirectories(proc.resolve("self"));
    Files.createDirectories(proc.resolve("300")); // ended between the listing and the read
    write(proc.resolve("stat"), "cpu  100 0 50 1000 0 0 0 0 0 0\nintr 1\n");
    Cpu cpu =
        new Cpu(proc, List.of(new Cpu.Target("postgresql", 100), new Cpu.Target("api", 200)), 100);

    Cpu.Snapshot snapshot = cpu.snapshot();

    assertThat(snapshot.ticks()).containsEntry("postgresql", 55L).containsEntry("api", 90L);
    // the JVM's compiler threads; PostgreSQL has none (and here no task directory)
    assertThat(snapshot.jitTicks()).containsExactly(Map.entry("api", 39L));
    assertThat(snapshot.boxBusy()).isEqualTo(150);
    assertThat(snapshot.boxTotal()).isEqualTo(1150);
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
