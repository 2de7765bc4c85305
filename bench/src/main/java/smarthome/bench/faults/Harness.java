package smarthome.bench.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import smarthome.bench.Launch;
import smarthome.bench.Result;
import smarthome.bench.Scrape;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.StackCommand;
import smarthome.testkit.StackSettings;
import smarthome.testkit.Stores;

/** What every scenario needs: the stack and its stores, worker processes, and bin/stack stop/start. */
final class Harness {
  final StackSettings stack;
  final Stores stores;
  private int seq;

  Harness(StackSettings stack, Stores stores) {
    this.stack = stack;
    this.stores = stores;
  }

  static String prefix(String tag) {
    return tag + UUID.randomUUID().toString().replace("-", "").substring(0, 8) + "_";
  }

  /** A worker process on the given sinks, with its metrics on a port of its own. */
  Worker worker(String sinks, String group) {
    int port = stack.portBase() + 410 + (seq++ % 50);
    JavaProcess p = Launch.worker("faults-worker-" + sinks.replace(',', '-') + "-" + seq, stack,
        Map.of("INGEST_GROUP_PREFIX", group, "INGEST_BACKOFF_MAX_MS", "2000"),
        List.of("-Xmx256m", "-XX:+UseParallelGC"), sinks, port);
    return new Worker(p, new Scrape(port), sinks);
  }

  record Worker(JavaProcess proc, Scrape scrape, String sinks) implements AutoCloseable {
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
  void stackCommand(String... args) {
    StackCommand.run(stack.env(), Result.dir().resolve("logs/faults-stack.log"), args);
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
}
