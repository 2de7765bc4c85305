package smarthome.ingest.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Writes events so that one event the store refuses cannot hold back the others: when the store
 * rejects a batch, it is split in halves until each refused event is alone; those are handed to
 * the caller (for the dead-letter topic) and the rest is written. Retriable and fatal errors pass
 * through untouched.
 */
final class RejectIsolation<T> {
  private final Sink<T> sink;

  RejectIsolation(Sink<T> sink) {
    this.sink = sink;
  }

  /**
   * Writes the entries; each one the store refuses goes to {@code rejected} with the store's reason
   * as soon as it is found. Returns how many were refused.
   */
  int write(List<Batch.Entry<T>> entries, BiConsumer<Batch.Entry<T>, String> rejected)
      throws SinkException {
    if (entries.isEmpty()) {
      return 0;
    }
    try {
      sink.write(events(entries));
      return 0;
    } catch (SinkException e) {
      if (e.kind() != SinkException.Kind.REJECTED) {
        throw e;
      }
      if (entries.size() == 1) {
        rejected.accept(entries.get(0), e.getMessage());
        return 1;
      }
      int mid = entries.size() / 2;
      return write(entries.subList(0, mid), rejected)
          + write(entries.subList(mid, entries.size()), rejected);
    }
  }

  private static <T> List<T> events(List<Batch.Entry<T>> entries) {
    List<T> out = new ArrayList<>(entries.size());
    entries.forEach(e -> out.add(e.decoded().event()));
    return out;
  }
}
