package smarthome.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.StringReader;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
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
import smarthome.common.store.Postgres;
import smarthome.ingest.logs.LogCsv;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;

/**
 * logs: N log events drained from Kafka into PostgreSQL by the real worker's logs sink, against a
 * raw COPY of the same rows (the same CSV, 5,000 rows a COPY, one connection) into system_logs.
 */
public final class LogsBench {
  private LogsBench() {}

  public static Result run(Stack stack, int n) throws Exception {
    try (HikariDataSource ds = Postgres.pool(stack.postgres, "bench-logs", 2)) {
      Postgres.migrate(ds);
      // the ceiling
      truncate(ds);
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
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection()) {
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        for (String batch : csv) {
          copy.copyIn("copy system_logs (log_id, device_id, timestamp, level, event_type, message) "
              + "from stdin with (format csv)", new StringReader(batch));
        }
      }
      double rawRps = n / ((System.nanoTime() - t0) / 1e9);
      System.out.printf("logs: raw COPY %,d rows = %,.0f rows/s%n", n, rawRps);
      csv.clear();

      // the pipeline
      truncate(ds);
      stack.groupToEnd("bench-logs", Topics.LOGS.name());
      try (Publisher p = Publisher.create(stack.kafka, PublisherOptions.defaults("bench-logs"))) {
        for (int i = 0; i < n; i++) {
          p.log(event("lbench", i));
        }
        p.flush();
      }
      int port = Integer.parseInt(stack.env.getOrDefault("SMARTHOME_PORT_BASE", "23000")) + 402;
      Scrape scrape = new Scrape(port);
      CpuUse.settle(Duration.ofSeconds(60));
      long start = System.nanoTime();
      long first = 0;
      long last = 0;
      double written = 0;
      try (Proc worker = Proc.java("bench-logs-worker", stack.childEnv(Map.of("INGEST_GROUP_PREFIX", "bench")),
          List.of("-Xmx256m", "-XX:+UseParallelGC", "-jar", Repo.jar("ingest-worker", "ingest-worker-all.jar").toString(),
              "--sinks", "logs", "--metrics-port", Integer.toString(port)))) {
        double previous = 0;
        long previousAt = start;
        long deadline = start + Duration.ofMinutes(10).toNanos();
        while (written < n && System.nanoTime() < deadline) {
          Thread.sleep(200);
          if (!worker.alive()) {
            throw new IllegalStateException("the worker exited; see " + worker.log);
          }
          String text = scrape.text();
          long now = System.nanoTime();
          written = Scrape.sum(text, "smarthome_sink_records_written_total", "sink=\"logs\"");
          if (written > 0 && first == 0) {
            first = previousAt;
          }
          if (written > previous) {
            last = now;
          }
          previous = written;
          previousAt = now;
        }
      }
      long stored = count(ds);
      double pipelineRps = n / ((last - first) / 1e9);
      if (stored != n) {
        throw new IllegalStateException("system_logs holds " + stored + " of " + n + " rows");
      }
      return new Result("logs")
          .put("ratio", pipelineRps / rawRps)
          .put("pipeline_rps", pipelineRps)
          .put("raw_copy_rps", rawRps)
          .detail("rows", n);
    }
  }

  static LogEvent event(String prefix, int i) {
    Instant t = Instant.parse("2026-01-01T00:00:00Z").plusMillis(i * 37L);
    return new LogEvent(new UUID(prefix.hashCode(), i), prefix + "_" + (i % 1000), t,
        LogLevel.values()[i % 4], "event_" + (i % 17), "message number " + i + " with, some \"quoted\" text");
  }

  static void truncate(HikariDataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("truncate system_logs");
    }
  }

  static long count(HikariDataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
         var rs = s.executeQuery("select count(*) from system_logs")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
