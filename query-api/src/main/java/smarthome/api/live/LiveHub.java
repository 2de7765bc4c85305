package smarthome.api.live;

import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import smarthome.api.ApiConfig;
import smarthome.api.errors.ApiException;

/**
 * The fan-out of the live streams: who is subscribed (bounded per instance and per key), the
 * recent events held for Last-Event-ID, the heartbeat. {@link LiveReader} asks it which devices
 * are watched and hands it each event; events go to the matching subscribers' own queues.
 */
@Singleton
public class LiveHub {
  /** A comment line every 15 s keeps proxies from closing a quiet stream. */
  static final long HEARTBEAT_SECONDS = 15;
  /** Events held for clients that reconnect with Last-Event-ID. */
  static final int REPLAY_EVENTS = 1000;
  static final long RETRY_AFTER_SECONDS = 10;

  /** Tells this instance's event ids from another's (or an earlier run's): their sequences differ. */
  private final String boot = Long.toString(System.currentTimeMillis(), 36);
  private final int maxSubscribers;
  private final int maxPerKey;
  private final int queueEvents;
  private final List<LiveSubscriber> subscribers = new ArrayList<>();
  private final Map<String, Integer> perKey = new HashMap<>();
  private final ArrayDeque<LiveEvent> recent = new ArrayDeque<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "live-timer");
    t.setDaemon(true);
    return t;
  });
  private long seq;
  /** Bumped whenever the set of watched devices may have changed. */
  private long version;

  public LiveHub(ApiConfig config) {
    this.maxSubscribers = config.liveMaxSubscribers;
    this.maxPerKey = config.liveMaxPerKey;
    this.queueEvents = config.liveQueueEvents;
    timer.scheduleAtFixedRate(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * A new subscriber, with the held events after {@code lastEventId} (of this instance) queued
   * first; 429 when the instance or the key has as many streams open as allowed.
   */
  synchronized LiveSubscriber subscribe(LiveFilter filter, String keyId, String lastEventId,
      Function<String, String> locationOf) {
    if (subscribers.size() >= maxSubscribers) {
      throw ApiException.tooMany("this API instance serves its maximum of " + maxSubscribers
          + " live streams; try again later", RETRY_AFTER_SECONDS);
    }
    if (perKey.getOrDefault(keyId, 0) >= maxPerKey) {
      throw ApiException.tooMany("this API key has its maximum of " + maxPerKey
          + " live streams open on this instance; close one or try again later", RETRY_AFTER_SECONDS);
    }
    LiveSubscriber s = new LiveSubscriber(filter, keyId, ++version, queueEvents, timer);
    long after = resumeAfter(lastEventId);
    if (after >= 0) {
      for (LiveEvent e : recent) {
        if (e.seq() > after && filter.matches(e, locationOf)) {
          s.offer(sse(e));
        }
      }
    }
    subscribers.add(s);
    perKey.merge(keyId, 1, Integer::sum);
    notifyAll();
    return s;
  }

  synchronized void unsubscribe(LiveSubscriber s) {
    if (subscribers.remove(s)) {
      perKey.computeIfPresent(s.keyId, (k, n) -> n <= 1 ? null : n - 1);
      version++;
    }
  }

  /** One event from Kafka: held for resuming clients and queued for every subscriber it matches. */
  synchronized void publish(LiveEvent.Builder b, Function<String, String> locationOf) {
    LiveEvent e = b.build(++seq);
    recent.addLast(e);
    if (recent.size() > REPLAY_EVENTS) {
      recent.removeFirst();
    }
    Event<String> out = null;
    for (LiveSubscriber s : List.copyOf(subscribers)) {
      if (s.filter.matches(e, locationOf)) {
        out = out == null ? sse(e) : out;
        if (!s.offer(out)) {
          unsubscribe(s);
        }
      }
    }
  }

  /** The filters of the open streams and the version they belong to, for the reader's assignment. */
  synchronized Watched watched() {
    return new Watched(version, subscribers.stream().map(s -> s.filter).toList());
  }

  record Watched(long version, List<LiveFilter> filters) {}

  /** The reader is positioned for every subscriber registered up to {@code upTo}. */
  synchronized void positioned(long upTo) {
    for (LiveSubscriber s : subscribers) {
      if (s.registeredAt <= upTo) {
        s.markReady(Event.of("{\"after\":\"" + boot + "-" + seq + "\"}").name("ready"));
      }
    }
  }

  /** Waits until the watched set may have changed, at most the given time. */
  synchronized void awaitChange(long seenVersion, long millis) throws InterruptedException {
    if (version == seenVersion) {
      wait(millis);
    }
  }

  /** The number of open streams, for tests and metrics. */
  public synchronized int subscribers() {
    return subscribers.size();
  }

  private void heartbeat() {
    for (LiveSubscriber s : snapshot()) {
      if (!s.offer(Event.of("").comment("keep-alive"))) {
        unsubscribe(s);
      }
    }
  }

  private synchronized List<LiveSubscriber> snapshot() {
    return List.copyOf(subscribers);
  }

  private Event<String> sse(LiveEvent e) {
    return Event.of(e.json()).name(e.name()).id(boot + "-" + e.seq());
  }

  /** The sequence to resume after, or -1 when the id is absent, foreign or older than what is held. */
  private long resumeAfter(String lastEventId) {
    if (lastEventId == null || !lastEventId.startsWith(boot + "-")) {
      return -1;
    }
    try {
      long after = Long.parseLong(lastEventId.substring(boot.length() + 1));
      long oldest = recent.isEmpty() ? seq + 1 : recent.getFirst().seq();
      return after >= oldest - 1 && after <= seq ? after : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @PreDestroy
  synchronized void close() {
    for (LiveSubscriber s : List.copyOf(subscribers)) {
      s.end("shutdown", "the API is stopping; reconnect to another instance");
    }
    timer.shutdownNow();
  }
}
