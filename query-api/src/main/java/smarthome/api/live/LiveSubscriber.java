package smarthome.api.live;

import io.micronaut.http.sse.Event;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.FluxSink;

/**
 * One SSE client: a bounded queue between the one Kafka reader and the client's connection. The
 * reader never waits for a client: when the queue is full the client is too slow, its queue is
 * emptied, an {@code end} event says why, and the stream closes (at the latest after a grace
 * period, even if the client reads nothing more). Memory per client is bounded by the queue.
 */
final class LiveSubscriber {
  /** How long a dropped client gets to read its end event before the stream is closed anyway. */
  static final long END_GRACE_SECONDS = 5;

  final LiveFilter filter;
  final String keyId;
  final long registeredAt;
  private final ArrayBlockingQueue<Event<String>> queue;
  private final ScheduledExecutorService timer;
  private FluxSink<Event<String>> sink;
  private boolean ready;
  private boolean closing;
  private boolean completed;

  LiveSubscriber(LiveFilter filter, String keyId, long registeredAt, int capacity, ScheduledExecutorService timer) {
    this.filter = filter;
    this.keyId = keyId;
    this.registeredAt = registeredAt;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.timer = timer;
  }

  synchronized void attach(FluxSink<Event<String>> s) {
    sink = s;
    s.onRequest(n -> drain());
    drain();
  }

  /** Queues an event; false when this client was too slow and is now being dropped. */
  synchronized boolean offer(Event<String> e) {
    if (closing) {
      return false;
    }
    if (!queue.offer(e)) {
      end("too_slow", "the client did not read fast enough; reconnect with Last-Event-ID to resume");
      return false;
    }
    drain();
    return true;
  }

  /** The first time: the reader is positioned for this client; everything from now on is delivered. */
  synchronized void markReady(Event<String> readyEvent) {
    if (!ready) {
      ready = true;
      offer(readyEvent);
    }
  }

  /** Ends the stream with an end event carrying the reason. */
  synchronized void end(String reason, String message) {
    if (closing) {
      return;
    }
    closing = true;
    queue.clear();
    queue.offer(Event.of("{\"reason\":\"" + reason + "\",\"message\":\"" + message + "\"}").name("end"));
    drain();
    timer.schedule(this::complete, END_GRACE_SECONDS, TimeUnit.SECONDS);
  }

  synchronized boolean closing() {
    return closing;
  }

  private synchronized void drain() {
    if (sink == null || completed) {
      return;
    }
    while (sink.requestedFromDownstream() > 0) {
      Event<String> e = queue.poll();
      if (e == null) {
        break;
      }
      sink.next(e);
    }
    if (closing && queue.isEmpty()) {
      complete();
    }
  }

  private synchronized void complete() {
    if (!completed && sink != null) {
      completed = true;
      queue.clear();
      sink.complete();
    }
  }
}
