package smarthome.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import smarthome.testkit.StackSettings;

/**
 * CPU seconds (user + system, from /proc/PID/stat) that each process of a phase used, so a result
 * can say where the machine's cores went: the worker, the broker, InfluxDB, the benchmark itself.
 */
final class CpuUse {
  private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux
  private final Map<String, Long> pids = new LinkedHashMap<>();
  private final Map<String, Double> start = new LinkedHashMap<>();
  /** Servers that work in child processes (PostgreSQL's backends): counted with their children. */
  private final java.util.Set<String> trees = new java.util.HashSet<>();

  /** Starts counting for the stack's servers (pid files under SMARTHOME_STACK_DIR) and this JVM. */
  static CpuUse ofStack(StackSettings stack, String... servers) {
    CpuUse c = new CpuUse();
    String dir = stack.env().get("SMARTHOME_STACK_DIR");
    for (String s : servers) {
      try {
        if (dir != null) {
          c.add(s, Long.parseLong(Files.readString(Path.of(dir, "run", s + ".pid")).trim()));
        }
      } catch (IOException | NumberFormatException e) {
        // not running under bin/stack: that server is simply not counted
      }
    }
    c.add("bench", ProcessHandle.current().pid());
    return c;
  }

  CpuUse add(String name, long pid) {
    pids.put(name, pid);
    start.put(name, seconds(pid));
    return this;
  }

  /**
   * Counts this server with its child processes: PostgreSQL works in one backend per connection,
   * so the postmaster's own figure would say nothing.
   */
  CpuUse withChildren(String name) {
    Long pid = pids.get(name);
    if (pid != null) {
      trees.add(name);
      start.put(name, treeSeconds(pid));
    }
    return this;
  }

  /** CPU seconds each process used since it was added. */
  Map<String, Double> used() {
    Map<String, Double> out = new LinkedHashMap<>();
    pids.forEach((name, pid) -> {
      double now = trees.contains(name) ? treeSeconds(pid) : seconds(pid);
      if (now >= 0 && start.get(name) >= 0) {
        out.put(name, now - start.get(name));
      }
    });
    return out;
  }

  /** CPU microseconds per event of one process of a phase (NaN when it was not counted). */
  static double microsPer(Map<String, Double> used, String name, long events) {
    Double s = used.get(name);
    return s == null || events == 0 ? Double.NaN : s * 1e6 / events;
  }

  /**
   * Waits (at most {@code max}) until the machine has been mostly idle for two seconds, so a phase
   * does not pay for the previous one's background work (InfluxDB compactions, Kafka log flushes).
   * Idle means less than a quarter of one core busy, from /proc/stat.
   */
  static void settle(java.time.Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    int cores = Runtime.getRuntime().availableProcessors();
    long[] before = busyAndTotal();
    int quietSeconds = 0;
    while (quietSeconds < 2 && System.nanoTime() < deadline && before != null) {
      Thread.sleep(1000);
      long[] now = busyAndTotal();
      double busyCores = (double) (now[0] - before[0]) / Math.max(1, now[1] - before[1]) * cores;
      quietSeconds = busyCores < 0.25 ? quietSeconds + 1 : 0;
      before = now;
    }
  }

  /** Busy and total jiffies of all cores, or null off Linux. */
  private static long[] busyAndTotal() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
      return new long[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** utime + stime of a process in seconds, or -1 when it is gone. */
  static double seconds(long pid) {
    String[] f = stat(pid);
    // after "pid (comm) ": state=0 ppid=1 ... utime=11 stime=12
    return f == null ? -1 : (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
  }

  /**
   * The CPU seconds of a process, its live children and its children that exited (cutime and
   * cstime), or -1 when it is gone. A child that exits mid-phase is counted whole: backends of
   * the measured phase are new, so that is what they used.
   */
  static double treeSeconds(long pid) {
    String[] own = stat(pid);
    if (own == null) {
      return -1;
    }
    long ticks = 0;
    for (int i = 11; i <= 14; i++) {
      ticks += Long.parseLong(own[i]);
    }
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] f = stat(Long.parseLong(name));
        if (f != null && Long.parseLong(f[1]) == pid) {
          for (int i = 11; i <= 14; i++) {
            ticks += Long.parseLong(f[i]);
          }
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks / TICKS_PER_SECOND;
  }

  /** The fields of /proc/PID/stat after "pid (comm) ", or null when the process is gone. */
  private static String[] stat(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
