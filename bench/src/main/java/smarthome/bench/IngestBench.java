package smarthome.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import smarthome.common.devices.Device;
import smarthome.common.images.ImageMeta;
import smarthome.common.kafka.Topics;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;
import smarthome.ingest.readings.LineBuffer;
import smarthome.ingest.readings.LineProtocol;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Events;
import smarthome.producer.simulator.Fleet;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.StackSettings;
import smarthome.testkit.Stores;

/**
 * ingest: N readings (default 2,000,000 over 1,000 devices) preloaded into Kafka, then drained into
 * InfluxDB by the real worker process (-Xmx256m); against the same N points as line protocol
 * posted straight to /write in 5,000-point batches by two threads. Both on an emptied database.
 */
public final class IngestBench {
  private IngestBench() {}

  public static Result run(StackSettings stack, Stores stores, int n, int devices) throws Exception {
    int steps = Math.max(1, n / devices);
    long total = (long) steps * devices;
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);

    // the ceiling: pre-encoded line protocol, 5,000 points a request, two threads
    System.out.printf("ingest: encoding %,d points for the raw ceiling%n", total);
    List<byte[]> batches = new ArrayList<>();
    LineBuffer lines = new LineBuffer(600_000);
    int[] inBatch = {0};
    backfill("raw_", devices, steps, end, new OnlyReadings(r -> {
      if (inBatch[0] > 0) {
        lines.append((byte) '\n');
      }
      LineProtocol.append(lines, r);
      if (++inBatch[0] == 5000) {
        batches.add(lines.copyFrom(0));
        lines.setLength(0);
        inBatch[0] = 0;
      }
    }));
    if (inBatch[0] > 0) {
      batches.add(lines.copyFrom(0));
    }
    emptyInflux(stores, stack.influx().database());
    List<double[]> rawSamples = new ArrayList<>();
    CpuUse.settle(Duration.ofSeconds(60));
    CpuUse rawCpu = CpuUse.ofStack(stack, "influxdb", "kafka");
    long rawNanos = postAll(stack, batches, rawSamples);
    Map<String, Double> rawCpuSeconds = rawCpu.used();
    batches.clear();
    double rawRps = total / (rawNanos / 1e9);
    long rawStored = stores.points("raw_");
    System.out.printf("ingest: raw /write %,d points in %.1f s = %,.0f points/s (stored %,d)%n",
        total, rawNanos / 1e9, rawRps, rawStored);

    // the pipeline: preload Kafka, then time the worker draining it
    emptyInflux(stores, stack.influx().database());
    String group = "bench";
    ConsumerGroups.toEnd(stack.kafka(), group + "-readings", Topics.READINGS.name());
    long t0 = System.nanoTime();
    try (Publisher p = Publisher.create(stack.kafka(), PublisherOptions.defaults("bench-preload"))) {
      backfill("ing_", devices, steps, end, new OnlyReadings(p::reading));
      p.flush();
    }
    System.out.printf("ingest: preloaded %,d readings into Kafka in %.1f s%n", total, (System.nanoTime() - t0) / 1e9);

    CpuUse.settle(Duration.ofSeconds(60));
    int metricsPort = stack.portBase() + 401;
    long startNanos = System.nanoTime();
    CpuUse cpu = CpuUse.ofStack(stack, "influxdb", "kafka");
    Map<String, Double> cpuSeconds;
    Drain drain;
    try (JavaProcess worker = Launch.worker("bench-ingest-worker", stack, Map.of("INGEST_GROUP_PREFIX", group),
        Launch.workerJvmOptions(), "readings", metricsPort)) {
      cpu.add("worker", worker.pid());
      drain = Drain.watch(worker, new Scrape(metricsPort), "readings", total, startNanos, Duration.ofMillis(250),
          Duration.ofMinutes(15));
      cpuSeconds = cpu.used();
    }
    long stored = stores.points("ing_");
    double drainSeconds = drain.seconds();
    double pipelineRps = total / drainSeconds;
    double endToEndRps = total / ((drain.lastWrite - startNanos) / 1e9);
    // CPU per event side by side, the figure that does not move with the machine: how much of a
    // core the worker needs per reading against what InfluxDB needs per point in the same phase
    double workerUs = CpuUse.microsPer(cpuSeconds, "worker", total);
    double influxUs = CpuUse.microsPer(cpuSeconds, "influxdb", total);
    Result r = new Result("ingest")
        .put("ratio", pipelineRps / rawRps)
        .put("pipeline_rps", pipelineRps)
        .put("raw_rps", rawRps)
        .put("heap_mb", drain.peakHeapMb)
        .put("worker_us", workerUs)
        .put("influx_us", influxUs)
        .put("kafka_us", CpuUse.microsPer(cpuSeconds, "kafka", total))
        .put("cpu_ratio", workerUs / influxUs)
        .put("alloc_b", drain.allocatedPerEvent())
        .detail("influx_us_raw", CpuUse.microsPer(rawCpuSeconds, "influxdb", total))
        .detail("points", total)
        .detail("devices", devices)
        .detail("stored_pipeline", stored)
        .detail("stored_raw", rawStored)
        .detail("drain_seconds", drainSeconds)
        .detail("end_to_end_rps_with_jvm_start", endToEndRps)
        .detail("worker_xmx_mb", 256)
        .detail("raw_seconds", rawNanos / 1e9)
        .detail("cpu_seconds_raw", rounded(rawCpuSeconds))
        .detail("cpu_seconds_pipeline", rounded(cpuSeconds));
    System.out.printf("ingest: CPU seconds, raw phase %s; pipeline phase %s (2 cores = 2 s per s)%n",
        rounded(rawCpuSeconds), rounded(cpuSeconds));
    if (stored != total) {
      throw new IllegalStateException("InfluxDB holds " + stored + " of " + total + " points after the run");
    }
    Charts.throughput("ingest.png", "ingest: points/s into InfluxDB", List.of("pipeline (worker)", "raw /write"),
        List.of(columns(drain.samples), columns(rawSamples)));
    return r;
  }

  static Map<String, Double> rounded(Map<String, Double> m) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, Math.round(v * 10) / 10.0));
    return out;
  }

  /** Starts a measurement on an empty database. */
  static void emptyInflux(Stores stores, String database) {
    for (String q : List.of("DROP DATABASE \"%s\"", "CREATE DATABASE \"%s\"")) {
      QueryResult r = stores.influx.query(new Query(q.formatted(database), null, true));
      if (r.hasError()) {
        throw new IllegalStateException(q + ": " + r.getError());
      }
    }
  }

  static void backfill(String prefix, int devices, int steps, Instant end, Events out) {
    Fleet fleet = Fleet.create(devices, prefix, Fleet.defaultMix(), Fleet.defaultLocations(), 2026, end);
    Backfill.run(fleet, new Backfill.Plan(Duration.ofMinutes(steps), Duration.ofMinutes(1), 0, 0, end), out);
  }

  /** Posts the batches with two threads; returns the elapsed nanoseconds; samples rate per second. */
  static long postAll(StackSettings stack, List<byte[]> batches, List<double[]> samples) throws Exception {
    URI uri = URI.create(stack.influx().url() + "/write?db=" + stack.influx().database() + "&precision=ms");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger points = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    long t0 = System.nanoTime();
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      fs.add(pool.submit(() -> {
        int i;
        while ((i = next.getAndIncrement()) < batches.size()) {
          byte[] b = batches.get(i);
          HttpResponse<Void> resp = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofByteArray(b)).build(), HttpResponse.BodyHandlers.discarding());
          if (resp.statusCode() != 204) {
            throw new IllegalStateException("/write answered " + resp.statusCode());
          }
          int lines = 1;
          for (byte c : b) {
            if (c == '\n') {
              lines++;
            }
          }
          points.addAndGet(lines);
        }
        return null;
      }));
    }
    int last = 0;
    long lastAt = t0;
    while (fs.stream().anyMatch(f -> !f.isDone())) {
      Thread.sleep(250);
      long now = System.nanoTime();
      int p = points.get();
      samples.add(new double[] {(now - t0) / 1e9, (p - last) / ((now - lastAt) / 1e9)});
      last = p;
      lastAt = now;
    }
    long elapsed = System.nanoTime() - t0;
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    return elapsed;
  }

  static double[][] columns(List<double[]> rows) {
    double[][] c = new double[2][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      c[0][i] = rows.get(i)[0];
      c[1][i] = rows.get(i)[1];
    }
    return c;
  }

  /** Keeps only the readings of a backfill. */
  record OnlyReadings(java.util.function.Consumer<Reading> readings) implements Events {
    @Override
    public void device(Device d) {}

    @Override
    public void reading(Reading r) {
      readings.accept(r);
    }

    @Override
    public void log(LogEvent e) {}

    @Override
    public void image(ImageMeta meta, byte[] bytes) {}
  }
}
