package smarthome.bench;

import java.net.URI;
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
import smarthome.common.devices.Device;
import smarthome.common.images.ImageMeta;
import smarthome.common.kafka.Topics;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;
import smarthome.ingest.readings.LineProtocol;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Events;
import smarthome.producer.simulator.Fleet;

/**
 * ingest: N readings (default 2,000,000 over 1,000 devices) preloaded into Kafka, then drained into
 * InfluxDB by the real worker process (-Xmx256m); against the same N points as line protocol
 * posted straight to /write in 5,000-point batches by two threads. Both on an emptied database.
 */
public final class IngestBench {
  private IngestBench() {}

  public static Result run(Stack stack, int n, int devices) throws Exception {
    int steps = Math.max(1, n / devices);
    long total = (long) steps * devices;
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);

    // the ceiling: pre-encoded line protocol, 5,000 points a request, two threads
    System.out.printf("ingest: encoding %,d points for the raw ceiling%n", total);
    List<byte[]> batches = new ArrayList<>();
    StringBuilder sb = new StringBuilder(600_000);
    int[] inBatch = {0};
    backfill("raw_", devices, steps, end, new OnlyReadings(r -> {
      if (inBatch[0] > 0) {
        sb.append('\n');
      }
      LineProtocol.append(sb, r);
      if (++inBatch[0] == 5000) {
        batches.add(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sb.setLength(0);
        inBatch[0] = 0;
      }
    }));
    if (inBatch[0] > 0) {
      batches.add(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    stack.resetInflux();
    List<double[]> rawSamples = new ArrayList<>();
    CpuUse.settle(Duration.ofSeconds(60));
    CpuUse rawCpu = CpuUse.ofStack(stack, "influxdb", "kafka");
    long rawNanos = postAll(stack, batches, rawSamples);
    Map<String, Double> rawCpuSeconds = rawCpu.used();
    batches.clear();
    double rawRps = total / (rawNanos / 1e9);
    long rawStored = stack.influxPoints("raw_");
    System.out.printf("ingest: raw /write %,d points in %.1f s = %,.0f points/s (stored %,d)%n",
        total, rawNanos / 1e9, rawRps, rawStored);

    // the pipeline: preload Kafka, then time the worker draining it
    stack.resetInflux();
    String group = "bench";
    stack.groupToEnd(group + "-readings", Topics.READINGS.name());
    long t0 = System.nanoTime();
    try (Publisher p = Publisher.create(stack.kafka, PublisherOptions.defaults("bench-preload"))) {
      backfill("ing_", devices, steps, end, new OnlyReadings(p::reading));
      p.flush();
    }
    System.out.printf("ingest: preloaded %,d readings into Kafka in %.1f s%n", total, (System.nanoTime() - t0) / 1e9);

    CpuUse.settle(Duration.ofSeconds(60));
    int metricsPort = Integer.parseInt(stack.env.getOrDefault("SMARTHOME_PORT_BASE", "23000")) + 401;
    Scrape scrape = new Scrape(metricsPort);
    List<double[]> samples = new ArrayList<>();
    double peakHeapMb = 0;
    long startNanos = System.nanoTime();
    long firstWrite = 0;
    long lastWrite = 0;
    double written = 0;
    CpuUse cpu = CpuUse.ofStack(stack, "influxdb", "kafka");
    Map<String, Double> cpuSeconds;
    try (Proc worker = Proc.java("bench-ingest-worker", stack.childEnv(Map.of("INGEST_GROUP_PREFIX", group)),
        workerArgs("-Xmx256m", "-XX:+UseParallelGC", "-jar", Repo.jar("ingest-worker", "ingest-worker-all.jar").toString(),
            "--sinks", "readings", "--metrics-port", Integer.toString(metricsPort)))) {
      cpu.add("worker", worker.pid());
      double previous = 0;
      long previousAt = startNanos;
      long deadline = startNanos + Duration.ofMinutes(15).toNanos();
      while (written < total && System.nanoTime() < deadline) {
        Thread.sleep(250);
        if (!worker.alive()) {
          throw new IllegalStateException("the worker exited; see " + worker.log);
        }
        String text = scrape.text();
        if (text == null) {
          continue;
        }
        long now = System.nanoTime();
        written = Scrape.sum(text, "smarthome_sink_records_written_total", "sink=\"readings\"");
        peakHeapMb = Math.max(peakHeapMb, Scrape.sum(text, "jvm_memory_used_bytes", "area=\"heap\"") / 1048576.0);
        if (written > 0 && firstWrite == 0) {
          firstWrite = previousAt;
        }
        if (written > previous) {
          lastWrite = now;
        }
        samples.add(new double[] {(now - startNanos) / 1e9, (written - previous) / ((now - previousAt) / 1e9)});
        previous = written;
        previousAt = now;
      }
      cpuSeconds = cpu.used();
    }
    long stored = stack.influxPoints("ing_");
    double drainSeconds = (lastWrite - firstWrite) / 1e9;
    double pipelineRps = total / drainSeconds;
    double endToEndRps = total / ((lastWrite - startNanos) / 1e9);
    Result r = new Result("ingest")
        .put("ratio", pipelineRps / rawRps)
        .put("pipeline_rps", pipelineRps)
        .put("raw_rps", rawRps)
        .put("heap_mb", peakHeapMb)
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
        List.of(columns(samples), columns(rawSamples)));
    return r;
  }

  static Map<String, Double> rounded(Map<String, Double> m) {
    Map<String, Double> out = new java.util.LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, Math.round(v * 10) / 10.0));
    return out;
  }

  /** The worker's command line; BENCH_WORKER_JVM_ARGS adds JVM options (e.g. to profile it). */
  static List<String> workerArgs(String... args) {
    List<String> all = new ArrayList<>();
    String extra = System.getenv().getOrDefault("BENCH_WORKER_JVM_ARGS", "");
    if (!extra.isBlank()) {
      all.addAll(List.of(extra.trim().split("\\s+")));
    }
    all.addAll(List.of(args));
    return all;
  }

  static void backfill(String prefix, int devices, int steps, Instant end, Events out) {
    Fleet fleet = Fleet.create(devices, prefix, Fleet.defaultMix(), Fleet.defaultLocations(), 2026, end);
    Backfill.run(fleet, new Backfill.Plan(Duration.ofMinutes(steps), Duration.ofMinutes(1), 0, 0, end), out);
  }

  /** Posts the batches with two threads; returns the elapsed nanoseconds; samples rate per second. */
  static long postAll(Stack stack, List<byte[]> batches, List<double[]> samples) throws Exception {
    URI uri = URI.create(stack.influx.url() + "/write?db=" + stack.influx.database() + "&precision=ms");
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
          HttpResponse<Void> resp = stack.http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
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
