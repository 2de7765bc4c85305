package smarthome.ingest.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records consumed since the last commit: events to write, records bound for the dead-letter
 * topic, and per partition the offset to commit once both are acknowledged.
 */
final class Batch<T> {
  /** An event and the record it came from (kept for dead-lettering what the store refuses). */
  record Entry<T>(Decoded<T> decoded, ConsumerRecord<String, byte[]> record) {}

  /** A record that could not be decoded, with the reason; sent once, then remembered as sent. */
  static final class Letter {
    final ConsumerRecord<String, byte[]> record;
    final String errorClass;
    final String message;
    boolean sent;

    Letter(ConsumerRecord<String, byte[]> record, String errorClass, String message) {
      this.record = record;
      this.errorClass = errorClass;
      this.message = message;
    }
  }

  final List<Entry<T>> entries = new ArrayList<>();
  /** The distinct devices of the entries, kept as they are added (for the watermark queries). */
  private final java.util.Set<String> devices = new java.util.HashSet<>();
  final List<Letter> letters = new ArrayList<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  private long bytes;
  private long firstAtNanos;
  private int records;

  void add(ConsumerRecord<String, byte[]> r, Decoded<T> decoded) {
    track(r);
    entries.add(new Entry<>(decoded, r));
    devices.add(decoded.deviceId());
  }

  void deadLetter(ConsumerRecord<String, byte[]> r, String errorClass, String message) {
    track(r);
    letters.add(new Letter(r, errorClass, message));
  }

  private void track(ConsumerRecord<String, byte[]> r) {
    if (records == 0) {
      firstAtNanos = System.nanoTime();
    }
    records++;
    bytes += r.serializedValueSize() > 0 ? r.serializedValueSize() : 0;
    nextOffsets.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
  }

  java.util.Set<String> devices() {
    return devices;
  }

  boolean isEmpty() {
    return records == 0;
  }

  int records() {
    return records;
  }

  long bytes() {
    return bytes;
  }

  long ageNanos() {
    return records == 0 ? 0 : System.nanoTime() - firstAtNanos;
  }

  Map<TopicPartition, OffsetAndMetadata> offsets() {
    Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
    nextOffsets.forEach((tp, o) -> out.put(tp, new OffsetAndMetadata(o)));
    return out;
  }

  /** Forgets everything of partitions this consumer no longer owns: their new owner re-reads it. */
  void dropPartitions(Collection<TopicPartition> revoked) {
    if (revoked.isEmpty() || records == 0) {
      return;
    }
    for (TopicPartition tp : revoked) {
      nextOffsets.remove(tp);
    }
    entries.removeIf(e -> revoked.contains(tp(e.record())));
    devices.clear();
    entries.forEach(e -> devices.add(e.decoded().deviceId()));
    for (Iterator<Letter> it = letters.iterator(); it.hasNext(); ) {
      if (revoked.contains(tp(it.next().record))) {
        it.remove();
      }
    }
    records = entries.size() + letters.size();
    bytes = 0;
    entries.forEach(e -> bytes += Math.max(0, e.record().serializedValueSize()));
    if (nextOffsets.isEmpty()) {
      clear();
    }
  }

  void clear() {
    entries.clear();
    devices.clear();
    letters.clear();
    nextOffsets.clear();
    records = 0;
    bytes = 0;
  }

  private static TopicPartition tp(ConsumerRecord<?, ?> r) {
    return new TopicPartition(r.topic(), r.partition());
  }
}
