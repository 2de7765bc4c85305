package smarthome.bench.faults;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * The answers of one kind of load client: a count per status, the answers that break the rule
 * (anything but 2xx, 429 or 503, or a 429/503 without Retry-After), requests that got no answer,
 * and, for readers, the latencies in a millisecond histogram (bounded, whatever the run's length).
 */
final class Tally {
  private static final int MAX_MS = 120_000;
  private static final int KEPT = 10;
  final String kind;
  private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
  private final AtomicLongArray latencyMs = new AtomicLongArray(MAX_MS + 1);
  private final LongAdder timed = new LongAdder();
  final LongAdder noAnswer = new LongAdder();
  final LongAdder wrong = new LongAdder();
  private final List<String> examples = new ArrayList<>();

  Tally(String kind) {
    this.kind = kind;
  }

  /** Counts the answer; returns whether it keeps the rule. */
  boolean answer(String what, int status, boolean retryAfter) {
    statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
    boolean throttled = status == 429 || status == 503;
    boolean ok = (status >= 200 && status < 300) || (throttled && retryAfter);
    if (!ok) {
      wrong.increment();
      example(what + " -> " + status + (throttled ? " without Retry-After" : ""));
    }
    return ok;
  }

  boolean answer(String what, HttpResponse<?> r) {
    return answer(what, r.statusCode(), r.headers().firstValue("Retry-After").isPresent());
  }

  void noAnswer(String what, Exception e) {
    noAnswer.increment();
    example(what + " -> no answer: " + e);
  }

  void latency(long nanos) {
    latencyMs.incrementAndGet((int) Math.min(MAX_MS, nanos / 1_000_000));
    timed.increment();
  }

  /** The latency under which 99 % of the timed requests answered, in ms (-1 without any). */
  long p99Ms() {
    long n = timed.sum();
    long seen = 0;
    for (int ms = 0; ms <= MAX_MS && n > 0; ms++) {
      seen += latencyMs.get(ms);
      if (seen >= Math.ceil(n * 0.99)) {
        return ms;
      }
    }
    return -1;
  }

  long count(int status) {
    LongAdder a = statuses.get(status);
    return a == null ? 0 : a.sum();
  }

  long total() {
    return statuses.values().stream().mapToLong(LongAdder::sum).sum();
  }

  boolean clean() {
    return wrong.sum() == 0 && noAnswer.sum() == 0;
  }

  private synchronized void example(String s) {
    if (examples.size() < KEPT) {
      examples.add(kind + ": " + s);
    }
  }

  synchronized List<String> examples() {
    return List.copyOf(examples);
  }

  @Override
  public String toString() {
    Map<Integer, Long> sorted = new TreeMap<>();
    statuses.forEach((k, v) -> sorted.put(k, v.sum()));
    return kind + " " + sorted + (noAnswer.sum() > 0 ? " no answer " + noAnswer.sum() : "");
  }
}
