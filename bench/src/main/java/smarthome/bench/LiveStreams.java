package smarthome.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import smarthome.testkit.SseEvents;

/**
 * The API's live streams ({@code GET /devices/{id}/live}) of a few devices, each read line by line on
 * its own thread; every {@code reading} event reports its event_id, stamped when the event's last
 * line arrived, to the probe arrivals.
 */
final class LiveStreams implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<HttpResponse<Stream<String>>> responses = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private final CountDownLatch ready;
  private final ProbeArrivals arrivals;
  private final AtomicLong ended = new AtomicLong();

  private LiveStreams(int streams, ProbeArrivals arrivals) {
    this.ready = new CountDownLatch(streams);
    this.arrivals = arrivals;
  }

  /** Opens one stream per device and waits until each has said {@code ready}. */
  static LiveStreams open(URI api, String key, List<String> devices, ProbeArrivals arrivals, Duration readyWithin)
      throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    LiveStreams s = new LiveStreams(devices.size(), arrivals);
    try {
      for (String device : devices) {
        HttpRequest r = HttpRequest.newBuilder(api.resolve("/devices/" + device + "/live"))
            .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> response = http.send(r, HttpResponse.BodyHandlers.ofLines());
        s.responses.add(response);
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET /devices/" + device + "/live answered " + response.statusCode());
        }
        Thread t = new Thread(() -> s.read(response.body()), "live-" + device);
        t.setDaemon(true);
        s.readers.add(t);
        t.start();
      }
      if (!s.ready.await(readyWithin.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException((devices.size() - s.ready.getCount()) + " of " + devices.size()
            + " live streams said ready within " + readyWithin);
      }
      return s;
    } catch (IOException | InterruptedException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private void read(Stream<String> lines) {
    SseEvents parser = new SseEvents();
    try {
      lines.forEach(line -> parser.line(line).ifPresent(e -> {
        long at = System.nanoTime();
        switch (e.name()) {
          case "ready" -> ready.countDown();
          case "reading" -> arrivals.arrived(eventId(e.data()), at);
          case "end" -> ended.incrementAndGet();
          default -> { } // state and deleted events do not concern the probes
        }
      }));
    } catch (UncheckedIOException e) {
      // the stream was closed (by close() or the API); the ended count and the outstanding probes tell
    }
  }

  static String eventId(String readingJson) {
    try {
      return JSON.readTree(readingJson).path("event_id").asText();
    } catch (IOException e) {
      throw new IllegalArgumentException("a reading event that is not the reading JSON: " + readingJson, e);
    }
  }

  /** Streams the API closed with an {@code end} event (too_slow, shutdown). */
  long ended() {
    return ended.get();
  }

  @Override
  public void close() {
    responses.forEach(r -> r.body().close());
    readers.forEach(Thread::interrupt);
  }
}
