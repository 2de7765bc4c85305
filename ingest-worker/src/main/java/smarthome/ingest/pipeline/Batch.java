package smarthome.ingest.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records consumed since the last commit: events to write, dead letters (records that did not
 * decode, or that the store refused), and per partition the offset to commit once both are
 * acknowledged. A batch can be attempted several times while a store is down; each dead letter
 * still goes out once ({@link #sendLetters}).
 */
final class Batch<T> {
  /** An event and the record it came from (kept for dead-lettering what the store refuses). */
  record Entry<T>(Decoded<T> decoded, ConsumerRecord<String, byte[]> record) {}

  /** Where a dead letter is: not sent yet, sent and not yet acknowledged, or acknowledged. */
  private enum Delivery { PENDING, SENT, ACKNOWLEDGED }

  /** A record bound for the dead-letter topic, with the reason. */
  private static final class Letter {
    final ConsumerRecord<String, byte[]> record;
    final String errorClass;
    final String message;
    Delivery delivery = Delivery.PENDING;

    Letter(ConsumerRecord<String, byte[]> record, String errorClass, String message) {
      this.record = record;
      this.errorClass = errorClass;
      this.message = message;
    }
  }

  private final List<Entry<T>> entries = new ArrayList<>();
  /** The distinct devices of the entries, kept as they are added (for the watermark queries). */
  private final Set<String> devices = new HashSet<>();
  private final List<Letter> letters = new ArrayList<>();
  private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();
  /** The partition of the last record tracked: records come partition by partition, reuse it. */
  private TopicPartition lastPartition;
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

  /** The store refused this event: it becomes a dead letter and is never written again. */
  void reject(Entry<T> e, String message) {
    entries.remove(e);
    letters.add(new Letter(e.record(), "rejected_by_store", message));
  }

  /** Sends the dead letters not sent yet; returns how many went out. */
  int sendLetters(DeadLetters to) {
    int sent = 0;
    for (Letter l : letters) {
      if (l.delivery == Delivery.PENDING) {
        to.send(l.record, l.errorClass, l.message);
        l.delivery = Delivery.SENT;
        sent++;
      }
    }
    return sent;
  }

  /**
   * Records the outcome of a flush of the dead-letter producer. Acknowledged: returns how many
   * letters are now known delivered. Not: the letters in flight go out again at the next attempt
   * (some may then arrive twice; none is lost).
   */
  int lettersFlushed(boolean acknowledged) {
    int changed = 0;
    for (Letter l : letters) {
      if (l.delivery == Delivery.SENT) {
        l.delivery = acknowledged ? Delivery.ACKNOWLEDGED : Delivery.PENDING;
        changed++;
      }
    }
    return acknowledged ? changed : 0;
  }

  private void track(ConsumerRecord<String, byte[]> r) {
    if (records == 0) {
      firstAtNanos = System.nanoTime();
    }
    records++;
    bytes += Math.max(0, r.serializedValueSize());
    nextOffsets.put(partitionOf(r), r.offset() + 1);
  }

  private TopicPartition partitionOf(ConsumerRecord<?, ?> r) {
    TopicPartition last = lastPartition;
    if (last == null || last.partition() != r.partition() || !last.topic().equals(r.topic())) {
      last = lastPartition = tp(r);
    }
    return last;
  }

  /** The events still to write, in the order consumed. */
  List<Entry<T>> entries() {
    return Collections.unmodifiableList(entries);
  }

  Set<String> devices() {
    return Collections.unmodifiableSet(devices);
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
    revoked.forEach(nextOffsets::remove);
    entries.removeIf(e -> revoked.contains(tp(e.record())));
    letters.removeIf(l -> revoked.contains(tp(l.record)));
    devices.clear();
    entries.forEach(e -> devices.add(e.decoded().deviceId()));
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
