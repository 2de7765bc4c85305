package smarthome.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import smarthome.common.kafka.Topics;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.StackSettings;
import smarthome.testkit.Stores;

/**
 * scale: one backlog of N readings (default 2,000,000 over 1,000 devices) published once, then
 * drained into an emptied InfluxDB by 1, 2, ... worker processes (readings sink, -Xmx256m each),
 * each run a new consumer group starting at the backlog's first offsets. Per run: the partitions
 * of each process, readings/s and CPU per reading of each process while all of them held
 * partitions, and exact counts (published from Kafka's offsets, stored counted in InfluxDB).
 */
public final class ScaleBench {
  private static final String PREFIX = "scl_";
  /** The worker's default consumer threads per process (INGEST_CONSUMERS). */
  private static final int CONSUMERS = 3;

  private ScaleBench() {}

  public static List<Result> run(StackSettings stack, Stores stores, int n, int devices, int maxWorkers)
      throws Exception {
    int steps = Math.max(1, n / devices);
    String topic = Topics.READINGS.name();
    List<Result> results = new ArrayList<>();
    List<ScaleRun> runs = new ArrayList<>();
    try (Admin admin = Admin.create(stack.kafka().clientProperties("bench-scale-admin"))) {
      Map<TopicPartition, Long> starts = ConsumerGroups.ends(admin, topic);
      long t0 = System.nanoTime();
      Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
      try (Publisher p = Publisher.create(stack.kafka(), PublisherOptions.defaults("bench-scale-preload"))) {
        IngestBench.backfill(PREFIX, devices, steps, end, new IngestBench.OnlyReadings(p::reading));
        p.flush();
        if (p.failed() > 0) {
          throw new IllegalStateException(p.failed() + " readings of the backlog were not acknowledged");
        }
      }
      Map<TopicPartition, Long> ends = ConsumerGroups.ends(admin, topic);
      long published = ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.get(e.getKey())).sum();
      System.out.printf("scale: published %,d readings on %d partitions in %.1f s%n", published, ends.size(),
          (System.nanoTime() - t0) / 1e9);
      String stamp = Long.toString(System.currentTimeMillis() / 1000);
      for (int w = 1; w <= maxWorkers; w++) {
        IngestBench.emptyInflux(stores, stack.influx().database());
        String groupPrefix = "bench-scale" + w + "-" + stamp;
        ConsumerGroups.setOffsets(admin, groupPrefix + "-readings", starts);
        CpuUse.settle(Duration.ofSeconds(60));
        int consumers = WorkerShares.consumersPerProcess(ends.size(), w, CONSUMERS);
        ScaleRun run = ScaleRun.drain(stack, admin, groupPrefix, w, consumers, ends);
        DrainCounts counts = new DrainCounts(published, stores.points(PREFIX), Math.round(run.written()));
        Result r = result(run, counts, ends.size(), uptime());
        r.print();
        results.add(r);
        runs.add(run);
        if (!counts.exact()) {
          throw new IllegalStateException(w + " workers: " + counts + ", lost " + counts.lost() + ", duplicated "
              + counts.duplicated() + "; see bench/results/logs/bench-scale-worker-*.log");
        }
      }
    }
    Charts.throughput("scale.png", "scale: readings/s into InfluxDB, all worker processes together",
        runs.stream().map(r -> r.workers + " worker process(es)").toList(),
        runs.stream().map(r -> IngestBench.columns(r.samples)).toList());
    return results;
  }

  static Result result(ScaleRun run, DrainCounts counts, int partitions, String load) {
    double readings = run.windowReadings();
    Map<String, Double> perWorker = new LinkedHashMap<>();
    for (int i = 1; i <= run.workers; i++) {
      perWorker.put("worker" + i, run.workerMicros(i));
    }
    return new Result("scale")
        .put("workers", run.workers)
        .put("rps", readings / run.windowSeconds())
        .put("us_per_reading", run.workersCpu() * 1e6 / readings)
        .put("influx_us", CpuUse.microsPer(run.cpuSeconds, "influxdb", (long) readings))
        .put("kafka_us", CpuUse.microsPer(run.cpuSeconds, "kafka", (long) readings))
        .put("cores_busy", run.cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum() / run.windowSeconds())
        .put("published", counts.published())
        .put("stored", counts.stored())
        .put("lost", counts.lost())
        .put("duplicated", counts.duplicated())
        .put("rewritten", counts.rewritten())
        .put("partitions", WorkerShares.describe(run.shares).replace(", ", ",").replace(' ', ';'))
        .detail("us_per_reading_each", rounded(perWorker))
        .detail("consumers_per_worker", run.consumersPerWorker)
        .detail("topic_partitions", partitions)
        .detail("shares", WorkerShares.named(run.shares))
        .detail("share_changes_seen", run.shareChanges)
        .detail("window_readings", Math.round(readings))
        .detail("window_seconds", run.windowSeconds())
        .detail("written_by_worker", run.writtenBy.values().stream().map(Math::round).toList())
        .detail("cpu_seconds_window", IngestBench.rounded(run.cpuSeconds))
        .detail("load_average", load);
  }

  private static Map<String, Double> rounded(Map<String, Double> m) {
    Map<String, Double> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, Math.round(v * 100) / 100.0));
    return out;
  }

  /** The 1, 5 and 15 minute load averages (from /proc/loadavg): other people's builds share the cores. */
  static String uptime() {
    try {
      String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
