package smarthome.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import smarthome.testkit.JavaProcess;

/**
 * A worker process draining a backlog, watched through its metrics until a sink has written the
 * expected count or the time runs out: when the writes began and ended, the rate over time, the
 * peak heap.
 */
final class Drain {
  /** When the backlog started: the worker's start. */
  final long startNanos;
  /** The poll just before the first write was counted, and the poll that saw the last one. */
  long firstWrite;
  long lastWrite;
  double written;
  double peakHeapMb;
  /** Bytes the worker allocated from the poll before the first write to the poll that saw the last. */
  double allocatedAtFirstWrite;
  double allocatedAtLastWrite;
  /** (seconds since the start, records per second) at each poll. */
  final List<double[]> samples = new ArrayList<>();

  private Drain(long startNanos) {
    this.startNanos = startNanos;
  }

  static Drain watch(JavaProcess worker, Scrape scrape, String sink, long expected, long startNanos,
      Duration poll, Duration max) throws InterruptedException {
    Drain d = new Drain(startNanos);
    double previous = 0;
    double previousAllocated = 0;
    long previousAt = startNanos;
    long deadline = startNanos + max.toNanos();
    while (d.written < expected && System.nanoTime() < deadline) {
      Thread.sleep(poll.toMillis());
      if (!worker.alive()) {
        throw new IllegalStateException("the worker exited; see " + worker.log);
      }
      String text = scrape.text();
      if (text == null) {
        continue; // not up yet
      }
      long now = System.nanoTime();
      d.written = Scrape.sum(text, "smarthome_sink_records_written_total", "sink=\"" + sink + "\"");
      d.peakHeapMb = Math.max(d.peakHeapMb, Scrape.sum(text, "jvm_memory_used_bytes", "area=\"heap\"") / 1048576.0);
      double allocated = Scrape.sum(text, "jvm_gc_memory_allocated_bytes_total");
      if (d.written > 0 && d.firstWrite == 0) {
        d.firstWrite = previousAt;
        d.allocatedAtFirstWrite = previousAllocated;
      }
      if (d.written > previous) {
        d.lastWrite = now;
        d.allocatedAtLastWrite = allocated;
      }
      previousAllocated = allocated;
      d.samples.add(new double[] {(now - startNanos) / 1e9, (d.written - previous) / ((now - previousAt) / 1e9)});
      previous = d.written;
      previousAt = now;
    }
    return d;
  }

  /**
   * Bytes allocated per event written. Micrometer counts allocation at each young collection, so
   * this is coarse by up to one young generation over the whole drain.
   */
  double allocatedPerEvent() {
    return written == 0 ? 0 : (allocatedAtLastWrite - allocatedAtFirstWrite) / written;
  }

  double seconds() {
    return (lastWrite - firstWrite) / 1e9;
  }
}
