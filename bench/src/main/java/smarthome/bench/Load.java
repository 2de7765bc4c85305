package smarthome.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** A closed-loop HTTP load: N threads, each sending the next request as the previous answers. */
public final class Load {
  public record Outcome(Histogram latencyMicros, long requests, long failures, double seconds) {
    public double rps() {
      return requests / seconds;
    }

    public double ms(double percentile) {
      return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private Load() {}

  public static Outcome run(int threads, Duration warmup, Duration measure, Supplier<HttpRequest> request)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    Recorder recorder = new Recorder(3);
    AtomicLong requests = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long startMeasure = System.nanoTime() + warmup.toNanos();
    long end = startMeasure + measure.toNanos();
    List<Thread> ts = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(() -> {
        while (true) {
          long t0 = System.nanoTime();
          if (t0 >= end) {
            return;
          }
          boolean ok;
          try {
            HttpResponse<byte[]> r = http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
            ok = r.statusCode() == 200;
          } catch (Exception e) {
            ok = false;
          }
          long t1 = System.nanoTime();
          if (t0 >= startMeasure) {
            recorder.recordValue(Math.max(1, (t1 - t0) / 1000));
            requests.incrementAndGet();
            if (!ok) {
              failures.incrementAndGet();
            }
          }
        }
      });
      ts.add(t);
      t.start();
    }
    recorder.getIntervalHistogram(); // discard the warm-up
    for (Thread t : ts) {
      t.join();
    }
    return new Outcome(recorder.getIntervalHistogram(), requests.get(), failures.get(), measure.toNanos() / 1e9);
  }
}
