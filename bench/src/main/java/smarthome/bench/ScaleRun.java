package smarthome.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.StackSettings;

/**
 * One run of the scale benchmark: N readings workers of one new consumer group draining the
 * backlog, watched every 250 ms through their metrics and the group as the broker describes it.
 *
 * <p>The workers start together but join the group one after another (the bench broker does not
 * delay the first rebalance), so the first to join drains alone for a while. Throughput and CPU
 * are therefore taken over the window in which every process holds partitions: from the first
 * poll that sees the group stable with a share for each process, to the last write.
 */
final class ScaleRun {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration MAX = Duration.ofMinutes(15);

  final int workers;
  final int consumersPerWorker;
  /** The shares when the window opened, and how many different shares the run saw in all. */
  Map<Long, SortedSet<Integer>> shares = Map.of();
  int shareChanges;
  long windowStart;
  long lastWrite;
  double writtenAtWindow;
  final Map<Long, Double> writtenAtWindowBy = new LinkedHashMap<>();
  /** Readings each process wrote (its sink counter), in the order of the pids. */
  final Map<Long, Double> writtenBy = new LinkedHashMap<>();
  Map<String, Double> cpuSeconds = Map.of();
  /** (seconds since the start, readings per second of all processes) at each poll. */
  final List<double[]> samples = new ArrayList<>();

  private ScaleRun(int workers, int consumersPerWorker) {
    this.workers = workers;
    this.consumersPerWorker = consumersPerWorker;
  }

  /** Starts the workers on the group (its offsets already at the backlog's start) and waits until it committed the ends. */
  static ScaleRun drain(StackSettings stack, Admin admin, String groupPrefix, int workers, int consumersPerWorker,
      Map<TopicPartition, Long> ends) throws Exception {
    ScaleRun run = new ScaleRun(workers, consumersPerWorker);
    String group = groupPrefix + "-readings";
    List<JavaProcess> ps = new ArrayList<>();
    List<Scrape> scrapes = new ArrayList<>();
    try {
      for (int i = 0; i < workers; i++) {
        int port = stack.portBase() + 403 + i;
        ps.add(Launch.worker("bench-scale-worker-" + (i + 1), stack,
            Map.of("INGEST_GROUP_PREFIX", groupPrefix, "INGEST_CONSUMERS", Integer.toString(consumersPerWorker)),
            Launch.jvmOptions("BENCH_WORKER_JVM_ARGS", "-Xmx256m", "-XX:+UseParallelGC"), "readings", port));
        scrapes.add(new Scrape(port));
      }
      run.watch(stack, admin, group, ps, scrapes, ends);
    } finally {
      for (JavaProcess p : ps) {
        p.close();
      }
    }
    return run;
  }

  private void watch(StackSettings stack, Admin admin, String group, List<JavaProcess> ps, List<Scrape> scrapes,
      Map<TopicPartition, Long> ends) throws Exception {
    List<Long> pids = ps.stream().map(JavaProcess::pid).toList();
    long start = System.nanoTime();
    long previousAt = start;
    double previous = 0;
    CpuUse cpu = null;
    Map<Long, SortedSet<Integer>> seen = null;
    while (System.nanoTime() - start < MAX.toNanos()) {
      Thread.sleep(POLL.toMillis());
      for (JavaProcess p : ps) {
        if (!p.alive()) {
          throw new IllegalStateException(p.name + " exited; see " + p.log);
        }
      }
      double sum = scrapeAll(pids, scrapes);
      long now = System.nanoTime();
      ConsumerGroups.View view = ConsumerGroups.describe(admin, group);
      Map<Long, SortedSet<Integer>> share = WorkerShares.byProcess(view.members(), pids);
      if (!share.equals(seen)) {
        shareChanges++;
        seen = share;
      }
      if (cpu == null && view.stable() && WorkerShares.everyoneServes(share, ends.size())) {
        windowStart = now;
        writtenAtWindow = sum;
        writtenAtWindowBy.putAll(writtenBy);
        shares = share;
        cpu = CpuUse.ofStack(stack, "influxdb", "kafka");
        for (int i = 0; i < ps.size(); i++) {
          cpu.add("worker" + (i + 1), pids.get(i));
        }
        System.out.printf("scale: %d worker(s) all serving after %.1f s, %,.0f readings already written: %s%n",
            workers, (now - start) / 1e9, sum, WorkerShares.describe(share));
      }
      if (sum > previous) {
        lastWrite = now;
      }
      samples.add(new double[] {(now - start) / 1e9, (sum - previous) / ((now - previousAt) / 1e9)});
      previous = sum;
      previousAt = now;
      if (ConsumerGroups.reached(ConsumerGroups.committed(admin, group), ends)) {
        // a batch may have been written and committed since this poll's scrape: its count is final now
        if (scrapeAll(pids, scrapes) > sum) {
          lastWrite = System.nanoTime();
        }
        if (cpu == null) {
          throw new IllegalStateException(workers + " workers: the backlog was drained before every process held"
              + " partitions (" + WorkerShares.describe(share) + "); use more --readings");
        }
        cpuSeconds = cpu.used();
        return;
      }
    }
    throw new IllegalStateException(workers + " workers did not drain the backlog within " + MAX);
  }

  /** Reads every worker's written counter (never below what it said before); returns the sum. */
  private double scrapeAll(List<Long> pids, List<Scrape> scrapes) {
    double sum = 0;
    for (int i = 0; i < pids.size(); i++) {
      double w = Scrape.sum(scrapes.get(i).text(), "smarthome_sink_records_written_total", "sink=\"readings\"");
      writtenBy.merge(pids.get(i), w, Math::max);
      sum += writtenBy.get(pids.get(i));
    }
    return sum;
  }

  double written() {
    return writtenBy.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Readings written while every process held partitions. */
  double windowReadings() {
    return written() - writtenAtWindow;
  }

  double windowSeconds() {
    return (lastWrite - windowStart) / 1e9;
  }

  /** CPU microseconds per reading of worker i (1-based) over the readings it wrote in the window. */
  double workerMicros(int i) {
    long pid = List.copyOf(writtenBy.keySet()).get(i - 1);
    double readings = writtenBy.get(pid) - writtenAtWindowBy.getOrDefault(pid, 0.0);
    return CpuUse.microsPer(cpuSeconds, "worker" + i, (long) readings);
  }

  /** CPU seconds of all worker processes in the window. */
  double workersCpu() {
    return cpuSeconds.entrySet().stream().filter(e -> e.getKey().startsWith("worker"))
        .mapToDouble(Map.Entry::getValue).sum();
  }
}
