package smarthome.api.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import smarthome.testkit.SseEvents;

/** A test's Server-Sent Events client: the events of one stream as they arrive, parsed by the testkit's {@link SseEvents}. */
final class Sse implements AutoCloseable {
  record Event(String name, String id, String data) {}

  final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  final HttpResponse<Stream<String>> response;
  private final CompletableFuture<Void> reader;

  private Sse(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = CompletableFuture.runAsync(this::read);
  }

  static Sse open(Api api, String path, String key) throws Exception {
    return open(api, path, key, null);
  }

  static Sse open(Api api, String path, String key, String lastEventId) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(api.base + path))
        .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      r.header("Last-Event-ID", lastEventId);
    }
    return new Sse(HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofLines()));
  }

  private void read() {
    if (response.statusCode() != 200) {
      return;
    }
    SseEvents parser = new SseEvents();
    response.body().forEach(line -> parser.line(line)
        .ifPresent(e -> events.add(new Event(e.name(), e.id(), e.data()))));
    events.add(new Event("eof", null, ""));
  }

  /** The next event that matches, skipping others; fails after the timeout. */
  Event await(Predicate<Event> p, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      Event e = events.poll(Math.max(1, (end - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
      if (e != null && p.test(e)) {
        return e;
      }
    }
    throw new AssertionError("no matching event within " + timeout);
  }

  @Override
  public void close() {
    response.body().close();
    reader.cancel(true);
  }
}
