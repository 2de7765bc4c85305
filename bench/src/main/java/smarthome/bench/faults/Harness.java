package smarthome.bench.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import smarthome.bench.Proc;
import smarthome.bench.Repo;
import smarthome.bench.Scrape;
import smarthome.bench.Stack;

/** What every scenario needs: the stack, worker and API processes, and bin/stack stop/start. */
final class Harness {
  final Stack stack;
  final int base;
  private int seq;

  Harness(Stack stack) {
    this.stack = stack;
    this.base = Integer.parseInt(stack.env.getOrDefault("SMARTHOME_PORT_BASE", "25000"));
  }

  static String prefix(String tag) {
    return tag + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
  }

  /** A worker process on the given sinks, with its metrics on a port of its own. */
  Worker worker(String sinks, String group) {
    int port = base + 410 + (seq++ % 50);
    Proc p = Proc.java("faults-worker-" + sinks.replace(',', '-') + "-" + seq,
        stack.childEnv(Map.of("INGEST_GROUP_PREFIX", group, "INGEST_BACKOFF_MAX_MS", "2000")),
        List.of("-Xmx256m", "-XX:+UseParallelGC", "-jar",
            Repo.jar("ingest-worker", "ingest-worker-all.jar").toString(), "--sinks", sinks,
            "--metrics-port", Integer.toString(port)));
    return new Worker(p, new Scrape(port), sinks);
  }

  record Worker(Proc proc, Scrape scrape, String sinks) implements AutoCloseable {
    double written(String sink) {
      return Scrape.sum(scrape.text(), "smarthome_sink_records_written_total", "sink=\"" + sink + "\"");
    }

    double dropped(String sink) {
      return Scrape.sum(scrape.text(), "smarthome_sink_dropped_deleted_total", "sink=\"" + sink + "\"");
    }

    double lag(String sink) {
      return Scrape.sum(scrape.text(), "smarthome_sink_consumer_lag", "sink=\"" + sink + "\"");
    }

    @Override
    public void close() throws InterruptedException {
      proc.close();
    }
  }

  /** bin/stack on the faults instance: stop or start one server. */
  void stackCommand(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Repo.root().resolve("bin/stack").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(Repo.results().resolve("logs/faults-stack.log").toFile()));
    pb.environment().putAll(stack.env);
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("bin/stack " + String.join(" ", args) + " failed; see "
          + Repo.results().resolve("logs/faults-stack.log"));
    }
  }

  /**
   * Waits a little after the expected count was reached, before the final count: a redelivered
   * or late write (a duplicate, or data of a deleted device) would land in this window and show.
   */
  static void graceForLateWrites(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  /** Polls until the condition holds or the time runs out; returns the seconds it took, or -1. */
  static double until(Duration max, Check c) throws InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + max.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (c.ok()) {
          return (System.nanoTime() - t0) / 1e9;
        }
      } catch (Exception e) {
        // a store coming back may fail a check or two
      }
      Thread.sleep(250);
    }
    return -1;
  }

  @FunctionalInterface
  interface Check {
    boolean ok() throws Exception;
  }

  Path results() {
    return Repo.results();
  }
}
