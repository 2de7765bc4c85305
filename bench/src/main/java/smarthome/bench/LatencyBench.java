package smarthome.bench;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.HdrHistogram.Histogram;
import smarthome.common.devices.DeviceType;
import smarthome.common.json.Timestamps;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.ApiClient;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Repo;
import smarthome.testkit.StackSettings;
import smarthome.testkit.WorkerProcess;

/**
 * latency: publish-to-queryable and publish-to-live-event through the API while the simulator keeps
 * the pipeline at a steady 20 % of the measured ingest capacity. A probe reading goes out every
 * 100 ms to one of ten devices; each is polled for through GET sensor-data until it answers, and
 * the same probe is awaited as a {@code reading} event on that device's live stream (SSE, opened
 * and ready before the first probe): two results, "latency" and "sse", from the same probes.
 */
public final class LatencyBench {
  static final String KEY = "bench-read-key-0002";

  private LatencyBench() {}

  public static List<Result> run(StackSettings stack, double capacityRps, int seconds) throws Exception {
    int base = stack.portBase();
    int port = base + 2;
    double rate = Math.max(100, capacityRps * 0.2);
    ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + port));
    Histogram h = new Histogram(60_000_000L, 3);
    long failures = 0;
    int warmups = 0;
    ProbeArrivals live = new ProbeArrivals();
    List<String> devices = IntStream.range(0, 10).mapToObj(d -> "lprobe_" + d).toList();
    long liveEnded;
    ConsumerGroups.toEnd(stack.kafka(), "bench-readings", smarthome.common.kafka.Topics.READINGS.name());
    CpuUse.settle(Duration.ofSeconds(60));
    try (JavaProcess worker = Launch.worker("bench-latency-worker", stack, Map.of("INGEST_GROUP_PREFIX", "bench"),
            WorkerProcess.JVM_OPTIONS, "readings", base + 403);
         JavaProcess api = Launch.api("bench-latency-api", stack, Map.of("API_KEYS", "read:" + KEY, "API_PORT",
            Integer.toString(port)), List.of("-Xmx384m"));
         JavaProcess load = Launch.java("bench-latency-load", stack.env(), List.of("-Xmx256m", "-jar",
            Repo.jar("producer", "producer-all.jar").toString(), "simulate", "--devices", "1000", "--rate",
            Math.round(rate) + "/s", "--duration", (seconds + 60) + "s", "--image-every", "off", "--log-every", "0",
            "--id-prefix", "lbg_", "-q"));
         Publisher probes = Publisher.create(stack.kafka(), PublisherOptions.defaults("bench-probe").withMaxBlock(Duration.ofSeconds(5)))) {
      client.awaitHealthy(api);
      Thread.sleep(5000); // let the worker join and the load settle
      try (LiveStreams streams = LiveStreams.open(URI.create("http://127.0.0.1:" + port), KEY, devices, live,
          Duration.ofSeconds(30))) {
        ExecutorService pollers = Executors.newFixedThreadPool(16);
        List<Future<Long>> results = new ArrayList<>();
        // probes of the first 10 s warm the JIT and the consumer group up and are not counted
        long measureFrom = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long endAt = measureFrom + Duration.ofSeconds(seconds).toNanos();
        int i = 0;
        while (System.nanoTime() < endAt) {
          boolean counted = System.nanoTime() >= measureFrom;
          String device = devices.get(i++ % devices.size());
          Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
          UUID eventId = UUID.randomUUID();
          long sent = System.nanoTime();
          if (counted) {
            live.expect(eventId.toString(), sent);
          }
          probes.reading(new Reading(eventId, device, DeviceType.DOOR_LOCK, t,
              Map.of("locked", true, "battery_level", 50.0)));
          String path = "/devices/" + device + "/sensor-data?start_time=" + Timestamps.format(t) + "&end_time="
              + Timestamps.format(t.plusMillis(1));
          Future<Long> probe = pollers.submit(() -> {
            long deadline = sent + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
              HttpResponse<String> r = client.get(path, KEY);
              if (r.statusCode() == 200 && r.body().length() > 2) {
                return (System.nanoTime() - sent) / 1000;
              }
              Thread.sleep(20);
            }
            return -1L;
          });
          if (counted) {
            results.add(probe);
          } else {
            warmups++;
          }
          Thread.sleep(100);
        }
        for (Future<Long> f : results) {
          long micros = f.get();
          if (micros < 0) {
            failures++;
          } else {
            h.recordValue(micros);
          }
        }
        pollers.shutdown();
        long waitUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos(); // the tail of the live events
        while (live.outstanding() > 0 && System.nanoTime() < waitUntil) {
          Thread.sleep(50);
        }
        liveEnded = streams.ended();
      }
    }
    Histogram sse = live.micros();
    Charts.latency("latency.png", "publish to queryable (polled) and to live event (SSE) through the API",
        List.of("latency (queryable)", "sse (live event)"), List.of(h, sse));
    Result queryable = figures("latency", h, rate)
        .detail("probes", h.getTotalCount())
        .detail("warmup_probes_not_counted", warmups)
        .detail("poll_interval_ms", 20)
        .detail("probes_not_seen_in_30s", failures)
        .detail("capacity_rps", capacityRps);
    Result pushed = figures("sse", sse, rate)
        .detail("probes", sse.getTotalCount())
        .detail("live_streams", devices.size())
        .detail("probes_not_pushed", live.outstanding())
        .detail("streams_ended_by_the_api", liveEnded)
        .detail("capacity_rps", capacityRps);
    return List.of(queryable, pushed);
  }

  /** The RESULT line of a latency histogram in microseconds: p50, p99 and max in ms, and the load. */
  private static Result figures(String name, Histogram micros, double backgroundRps) {
    return new Result(name)
        .put("p50_ms", micros.getValueAtPercentile(50) / 1000.0)
        .put("p99_ms", micros.getValueAtPercentile(99) / 1000.0)
        .put("max_ms", micros.getMaxValue() / 1000.0)
        .put("background_rps", backgroundRps);
  }
}
