package smarthome.ingest.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/** Per-sink meters, all tagged sink=<name>, exported on the worker's Prometheus endpoint. */
public final class SinkMetrics {
  final Counter written;
  final Counter batches;
  final Counter deadLetters;
  final Counter retries;
  final Counter droppedDeleted;
  final Counter erased;
  final Timer writeLatency;
  private final java.util.Map<Object, Long> lags = new java.util.concurrent.ConcurrentHashMap<>();

  public SinkMetrics(MeterRegistry registry, String sink) {
    written = Counter.builder("smarthome.sink.records.written").tag("sink", sink)
        .description("events acknowledged by the store").register(registry);
    batches = Counter.builder("smarthome.sink.batches").tag("sink", sink)
        .description("batches written and committed").register(registry);
    deadLetters = Counter.builder("smarthome.sink.dead.letters").tag("sink", sink)
        .description("records sent to the dead-letter topic").register(registry);
    retries = Counter.builder("smarthome.sink.retries").tag("sink", sink)
        .description("batch attempts that failed with a retriable store error").register(registry);
    droppedDeleted = Counter.builder("smarthome.sink.dropped.deleted").tag("sink", sink)
        .description("events of deleted devices stamped at or before the deletion").register(registry);
    erased = Counter.builder("smarthome.sink.erased.after.delete").tag("sink", sink)
        .description("devices erased again because a DELETE raced with a batch").register(registry);
    writeLatency = Timer.builder("smarthome.sink.batch.write").tag("sink", sink)
        .description("time to write one batch to the store").publishPercentiles(0.5, 0.99)
        .register(registry);
    Gauge.builder("smarthome.sink.consumer.lag", lags, m -> m.values().stream().mapToLong(Long::longValue).sum())
        .tag("sink", sink)
        .description("records in Kafka not yet consumed by this process").register(registry);
  }

  public long written() {
    return (long) written.count();
  }

  public long deadLetterCount() {
    return (long) deadLetters.count();
  }

  public long retryCount() {
    return (long) retries.count();
  }

  public long lag() {
    return lags.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Notes the lag one consumer of the sink sees on its partitions; the gauge reports the sum. */
  void lagOf(Object owner, Consumer<?, ?> consumer) {
    long lag = 0;
    for (TopicPartition tp : consumer.assignment()) {
      var l = consumer.currentLag(tp);
      if (l.isPresent()) {
        lag += l.getAsLong();
      }
    }
    lags.put(owner, lag);
  }
}
