package smarthome.bench;

import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;
import smarthome.common.kafka.Topics;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;
import smarthome.ingest.logs.LogCsv;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.StackSettings;
import smarthome.testkit.Stores;

/**
 * logs: N log events drained from Kafka into PostgreSQL by the real worker's logs sink, against a
 * raw COPY of the same rows (the same CSV, 5,000 rows a COPY, one connection) into system_logs.
 */
public final class LogsBench {
  private LogsBench() {}

  public static Result run(StackSettings stack, Stores stores, int n) throws Exception {
    // the ceiling
    stores.exec("truncate system_logs");
    List<String> csv = new ArrayList<>();
    StringWriter w = new StringWriter();
    int inBatch = 0;
    for (int i = 0; i < n; i++) {
      LogCsv.write(w, event("raw", i));
      if (++inBatch == 5000) {
        csv.add(w.toString());
        w = new StringWriter();
        inBatch = 0;
      }
    }
    if (inBatch > 0) {
      csv.add(w.toString());
    }
    CpuUse.settle(Duration.ofSeconds(60));
    CpuUse rawCpu = CpuUse.ofStack(stack, "postgres").withChildren("postgres");
    long t0 = System.nanoTime();
    try (Connection c = stores.pg.getConnection()) {
      var copy = c.unwrap(PGConnection.class).getCopyAPI();
      for (String batch : csv) {
        copy.copyIn("copy system_logs (log_id, device_id, timestamp, level, event_type, message) "
            + "from stdin with (format csv)", new StringReader(batch));
      }
    }
    double rawRps = n / ((System.nanoTime() - t0) / 1e9);
    Map<String, Double> rawCpuSeconds = rawCpu.used();
    System.out.printf("logs: raw COPY %,d rows = %,.0f rows/s%n", n, rawRps);
    csv.clear();

    // the pipeline
    stores.exec("truncate system_logs");
    ConsumerGroups.toEnd(stack.kafka(), "bench-logs", Topics.LOGS.name());
    try (Publisher p = Publisher.create(stack.kafka(), PublisherOptions.defaults("bench-logs"))) {
      for (int i = 0; i < n; i++) {
        p.log(event("lbench", i));
      }
      p.flush();
    }
    int port = stack.portBase() + 402;
    CpuUse.settle(Duration.ofSeconds(60));
    CpuUse cpu = CpuUse.ofStack(stack, "postgres", "kafka").withChildren("postgres");
    Drain drain;
    Map<String, Double> cpuSeconds;
    try (JavaProcess worker = Launch.worker("bench-logs-worker", stack, Map.of("INGEST_GROUP_PREFIX", "bench"),
        Launch.workerJvmOptions(), "logs", port)) {
      cpu.add("worker", worker.pid());
      drain = Drain.watch(worker, new Scrape(port), "logs", n, System.nanoTime(), Duration.ofMillis(200),
          Duration.ofMinutes(10));
      cpuSeconds = cpu.used();
    }
    long stored = stores.count("select count(*) from system_logs");
    double pipelineRps = n / drain.seconds();
    if (stored != n) {
      throw new IllegalStateException("system_logs holds " + stored + " of " + n + " rows");
    }
    double workerUs = CpuUse.microsPer(cpuSeconds, "worker", n);
    double pgUs = CpuUse.microsPer(cpuSeconds, "postgres", n);
    System.out.printf("logs: CPU seconds, raw COPY %s; pipeline phase %s%n",
        IngestBench.rounded(rawCpuSeconds), IngestBench.rounded(cpuSeconds));
    return new Result("logs")
        .put("ratio", pipelineRps / rawRps)
        .put("pipeline_rps", pipelineRps)
        .put("raw_copy_rps", rawRps)
        .put("worker_us", workerUs)
        .put("pg_us", pgUs)
        .put("kafka_us", CpuUse.microsPer(cpuSeconds, "kafka", n))
        .put("cpu_ratio", workerUs / pgUs)
        .put("alloc_b", drain.allocatedPerEvent())
        .put("heap_mb", drain.peakHeapMb)
        .detail("rows", n)
        .detail("pg_us_raw_copy", CpuUse.microsPer(rawCpuSeconds, "postgres", n))
        .detail("cpu_seconds_raw", IngestBench.rounded(rawCpuSeconds))
        .detail("cpu_seconds_pipeline", IngestBench.rounded(cpuSeconds));
  }

  static LogEvent event(String prefix, int i) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z").plusMillis(i * 37L);
    return new LogEvent(new UUID(prefix.hashCode(), i), prefix + "_" + (i % 1000), t,
        LogLevel.values()[i % 4], "event_" + (i % 17), "message number " + i + " with, some \"quoted\" text");
  }
}
