package smarthome.bench;

import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Matches probes to their arrival: each expected probe (by its event id) with the nanoTime it was
 * sent; an arrival records sent-to-arrival in microseconds once. Arrivals of ids not expected (warm-up
 * probes, the background load) and repeats (a redelivery) are counted apart, never recorded.
 * Thread-safe: the readers of several streams report into one.
 */
public final class ProbeArrivals {
  private final Map<String, Long> pending = new HashMap<>();
  private final Histogram micros = new Histogram(60_000_000L, 3);
  private long unexpected;

  /** Called before the probe is sent, so that its arrival always finds it. */
  public synchronized void expect(String id, long sentNanos) {
    pending.put(id, sentNanos);
  }

  /** Whether the arrival was of an expected probe, first time; its latency is then recorded. */
  public synchronized boolean arrived(String id, long atNanos) {
    Long sent = pending.remove(id);
    if (sent == null) {
      unexpected++;
      return false;
    }
    micros.recordValue(Math.max(1, Math.min(micros.getHighestTrackableValue(), (atNanos - sent) / 1000)));
    return true;
  }

  /** Expected probes that have not arrived (yet). */
  public synchronized int outstanding() {
    return pending.size();
  }

  public synchronized long unexpected() {
    return unexpected;
  }

  /** A copy of the latencies recorded so far, in microseconds. */
  public synchronized Histogram micros() {
    return micros.copy();
  }
}
