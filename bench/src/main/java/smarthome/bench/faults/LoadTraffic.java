package smarthome.bench.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smarthome.bench.Scrape;
import smarthome.testkit.ApiClient;

/**
 * The clients of the load scenario, each a loop on a thread of a fixed pool until the time is up:
 * uploaders of one shared ~10 MiB image, generate calls, readers of the device list, sensor data
 * and logs, and a heap sampler reading the API's /prometheus with the metrics key.
 */
final class LoadTraffic {
  /** Just under the 10 MiB limit; a PNG by its signature, the rest zeros. */
  static final int IMAGE_BYTES = 10 * 1024 * 1024 - 4096;
  private static final Pattern IMAGE_ID = Pattern.compile("\"image_id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");
  private static final String BOUNDARY = "----faultsload";

  final Tally uploads = new Tally("uploads");
  final Tally generates = new Tally("generate");
  final Tally reads = new Tally("readers");
  final Set<String> accepted = ConcurrentHashMap.newKeySet();
  /** Uploads answered 202 while the load ran (not after the stop), and when the first came. */
  final LongAdder acceptedDuringRun = new LongAdder();
  volatile double firstAcceptedSeconds = -1;
  private volatile long startNanos;
  volatile double heapPeakMb;
  volatile int heapSamples;
  /** Whether every client finished its last request after the stop. */
  volatile boolean finished;

  private final ApiProcess api;
  private final String camera;
  private final String genPrefix;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final HttpClient http;
  private final ExecutorService clientPool = Executors.newFixedThreadPool(4);
  /** One array for every upload, so the generator's own heap stays small. */
  private final byte[] multipart;
  private ExecutorService pool;

  LoadTraffic(ApiProcess api, String camera, String genPrefix) {
    this.api = api;
    this.camera = camera;
    this.genPrefix = genPrefix;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).executor(clientPool).build();
    byte[] image = new byte[IMAGE_BYTES];
    byte[] png = Scenarios.tinyPng();
    System.arraycopy(png, 0, image, 0, png.length);
    this.multipart = ApiClient.multipart(BOUNDARY, "file", "load.png", "image/png", image);
  }

  /** Starts the clients; they run until {@link #stop()}. */
  void start(ApiLoad.Plan plan) {
    startNanos = System.nanoTime();
    int threads = plan.uploaders() + plan.generators() + plan.readers() + 1;
    pool = Executors.newFixedThreadPool(threads);
    List<Runnable> loops = new ArrayList<>();
    for (int i = 0; i < plan.uploaders(); i++) {
      loops.add(() -> loop(uploads, this::upload, 200));
    }
    for (int i = 0; i < plan.generators(); i++) {
      loops.add(() -> loop(generates, this::generate, 500));
    }
    String[] paths = {"/devices?limit=100", "/devices/" + camera + "/sensor-data", "/devices/" + camera + "/logs"};
    for (int i = 0; i < plan.readers(); i++) {
      int first = i;
      loops.add(() -> {
        int[] n = {first};
        loop(reads, t -> read(t, paths[n[0]++ % paths.length]), 200);
      });
    }
    loops.add(this::sampleHeap);
    loops.forEach(pool::submit);
  }

  /** Stops the clients and waits for each to finish its request in flight. */
  void stop() throws InterruptedException {
    stop.set(true);
    pool.shutdown();
    // a request still unanswered 90 s after the end is a hung request, and fails the run
    finished = pool.awaitTermination(90, java.util.concurrent.TimeUnit.SECONDS);
    pool.shutdownNow();
    clientPool.shutdownNow();
  }

  @FunctionalInterface
  interface Call {
    /** One request; returns the status, counted already. */
    int send(Tally t) throws IOException, InterruptedException;
  }

  /** Calls until stopped; after a 429 or 503 (or no answer) waits PAUSE ms, less than Retry-After, to keep the pressure on. */
  private void loop(Tally t, Call call, long pauseMs) {
    while (!stop.get()) {
      int status;
      try {
        status = call.send(t);
      } catch (IOException e) {
        t.noAnswer(t.kind, e);
        status = -1;
      } catch (InterruptedException e) {
        return;
      }
      if (status < 200 || status >= 300) {
        try {
          Thread.sleep(pauseMs);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private int upload(Tally t) throws IOException {
    SocketUpload.Answer a = SocketUpload.send(api.base, "/devices/" + camera + "/images", ApiProcess.WRITE,
        "multipart/form-data; boundary=" + BOUNDARY, multipart);
    t.answer("POST images", a.status(), a.retryAfter());
    if (a.status() == 202) {
      Matcher m = IMAGE_ID.matcher(a.body());
      if (m.find()) {
        accepted.add(m.group(1));
        if (!stop.get()) {
          acceptedDuringRun.increment();
          if (firstAcceptedSeconds < 0) {
            firstAcceptedSeconds = (System.nanoTime() - startNanos) / 1e9;
          }
        }
      } else {
        t.answer("POST images 202 without an image_id: " + a.body(), 0, false);
      }
    }
    return a.status();
  }

  private int generate(Tally t) throws IOException, InterruptedException {
    HttpRequest r = api.request("/generate-and-store?num_devices=2&id_prefix=" + genPrefix, ApiProcess.WRITE)
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> a = http.send(r, HttpResponse.BodyHandlers.ofString());
    t.answer("POST generate-and-store", a);
    return a.statusCode();
  }

  private int read(Tally t, String path) throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> a = http.send(api.request(path, ApiProcess.READ).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    t.latency(System.nanoTime() - t0);
    t.answer("GET " + path, a);
    return a.statusCode();
  }

  private void sampleHeap() {
    while (!stop.get()) {
      try {
        HttpResponse<String> a = http.send(api.request("/prometheus", ApiProcess.METRICS).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        if (a.statusCode() == 200) {
          heapPeakMb = Math.max(heapPeakMb, Scrape.sum(a.body(), "jvm_memory_used_bytes", "area=\"heap\"") / 1048576.0);
          heapSamples++;
        }
        Thread.sleep(500);
      } catch (IOException e) {
        // a missed sample; the next one counts
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
