package smarthome.ingest.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps deleted devices deleted (see {@link Watermarks}): before a write it drops the events of a
 * deleted device stamped at or before its deletion; after the write it asks again, and erases a
 * device from the store once more when a DELETE landed while the batch was being written.
 */
final class WatermarkGuard<T> {
  private static final Logger log = LoggerFactory.getLogger(WatermarkGuard.class);

  /** The events a batch may write, and the watermarks they were checked against. */
  record Admitted<T>(List<Batch.Entry<T>> kept, long dropped, Set<String> devices,
      Map<String, Instant> watermarks) {}

  private final String sinkName;
  private final Watermarks watermarks;
  private final Sink<T> sink;

  WatermarkGuard(String sinkName, Watermarks watermarks, Sink<T> sink) {
    this.sinkName = sinkName;
    this.watermarks = watermarks;
    this.sink = sink;
  }

  /** The entries whose device was not deleted after they were stamped. */
  Admitted<T> admit(List<Batch.Entry<T>> entries, Set<String> devices) throws SinkException {
    Set<String> asked = Set.copyOf(devices);
    Map<String, Instant> before = watermarks.of(asked);
    List<Batch.Entry<T>> kept = new ArrayList<>(entries.size());
    long dropped = 0;
    for (Batch.Entry<T> e : entries) {
      if (deletedAfter(e, before.get(e.decoded().deviceId()))) {
        dropped++;
      } else {
        kept.add(e);
      }
    }
    return new Admitted<>(kept, dropped, asked, before);
  }

  /**
   * Erases again every device whose watermark appeared or moved since {@link #admit} and that had
   * an event at or before it in the write. Returns how many devices were erased.
   */
  int eraseIfDeletedMeanwhile(Admitted<T> written) throws SinkException {
    int erased = 0;
    for (Map.Entry<String, Instant> w : watermarks.of(written.devices()).entrySet()) {
      Instant old = written.watermarks().get(w.getKey());
      if (old != null && !w.getValue().isAfter(old)) {
        continue;
      }
      boolean affected = written.kept().stream().anyMatch(e ->
          e.decoded().deviceId().equals(w.getKey()) && deletedAfter(e, w.getValue()));
      if (affected) {
        log.info("{}: device {} was deleted while its batch was written; erasing it again",
            sinkName, w.getKey());
        sink.eraseUpTo(w.getKey(), w.getValue());
        erased++;
      }
    }
    return erased;
  }

  /** An event stamped at or before its device's deletion belongs to the deleted life. */
  private static boolean deletedAfter(Batch.Entry<?> e, Instant watermark) {
    return watermark != null && !e.decoded().eventTime().isAfter(watermark);
  }
}
