package smarthome.ingest.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.json.InvalidEventException;
import smarthome.ingest.pipeline.LoopProfile.Phase;

/**
 * The consumer loop of one sink: poll, decode (bad records to the dead-letter topic), drop events
 * of deleted devices, write the batch, then commit, and only then.
 *
 * <p>On a retriable store error the loop pauses its partitions, keeps polling (so the group keeps
 * it) and retries the same batch with capped exponential backoff until the store is back; it never
 * commits past unwritten data. A rejected batch is split until the refused records are found and
 * dead-lettered. A fatal error stops the loop; {@link #failure()} then says why.
 */
public final class SinkRunner<T> implements Component {
  private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);

  /** Batching and retry settings of one sink. */
  public record Options(String name, String topic, int batchSize, long batchBytes, Duration linger,
      Duration backoffInitial, Duration backoffMax, Duration stopGrace) {}

  private final Options o;
  private final Consumer<String, byte[]> consumer;
  private final Decoder<T> decoder;
  private final DeadLetters deadLetters;
  private final SinkMetrics metrics;
  private final BatchWriter<T> writer;
  private final StorePause pause;
  private final LoopProfile profile;
  private final Batch<T> batch = new Batch<>();
  private final Backoff backoff;
  private volatile boolean running = true;
  private volatile boolean started;
  private volatile Throwable failure;

  public SinkRunner(Options o, Consumer<String, byte[]> consumer, Decoder<T> decoder, Sink<T> sink,
      DeadLetters deadLetters, Watermarks watermarks, SinkMetrics metrics) {
    this.o = o;
    this.consumer = consumer;
    this.decoder = decoder;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.profile = new LoopProfile(o.name(), metrics);
    this.writer = new BatchWriter<>(o.name(), sink, watermarks, deadLetters, metrics, profile);
    this.pause = new StorePause(consumer);
    this.backoff = new Backoff(o.backoffInitial(), o.backoffMax());
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(o.topic()), new Rebalance());
      started = true;
      log.info("{}: consuming {}", o.name(), o.topic());
      while (running) {
        ConsumerRecords<String, byte[]> polled;
        long t0 = System.nanoTime();
        try {
          polled = consumer.poll(Duration.ofMillis(100));
        } catch (WakeupException e) {
          break;
        }
        profile.spent(Phase.POLL, t0);
        for (ConsumerRecord<String, byte[]> r : polled) {
          long t1 = System.nanoTime();
          accept(r);
          profile.spent(Phase.DECODE, t1);
          if (batch.records() >= o.batchSize() || batch.bytes() >= o.batchBytes()) {
            flush();
          }
        }
        if (!batch.isEmpty() && batch.ageNanos() >= o.linger().toNanos()) {
          flush();
        }
        metrics.lagOf(this, consumer);
        profile.reportIfDue();
      }
      finishOnStop();
    } catch (FatalStop e) {
      failure = e.getCause();
      log.error("{}: stopping: {}", o.name(), e.getCause().getMessage());
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error("{}: stopping on an unexpected error", o.name(), e);
    } finally {
      closeQuietly();
    }
  }

  /** Asks the loop to stop: it finishes (or abandons) the batch, commits what was written, closes. */
  @Override
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  public boolean started() {
    return started;
  }

  @Override
  public String name() {
    return o.name();
  }

  private void accept(ConsumerRecord<String, byte[]> r) {
    try {
      batch.add(r, decoder.decode(r));
    } catch (InvalidEventException e) {
      batch.deadLetter(r, "invalid_event", e.getMessage());
    }
  }

  /** Writes and commits the batch, retrying while the store is unavailable. */
  private void flush() {
    backoff.reset();
    while (!batch.isEmpty()) {
      long t0 = System.nanoTime();
      try {
        int written = writer.attempt(batch);
        long tc = System.nanoTime();
        commit();
        profile.spent(Phase.COMMIT, tc);
        metrics.writeLatency.record(Duration.ofNanos(System.nanoTime() - t0));
        metrics.batches.increment();
        metrics.written.increment(written);
        if (backoff.attempts() > 0) {
          log.info("{}: store is back after {} retries; resuming", o.name(), backoff.attempts());
        }
        batch.clear();
        pause.resume();
        return;
      } catch (SinkException e) {
        if (e.kind() == SinkException.Kind.FATAL) {
          throw new FatalStop(e);
        }
        metrics.retries.increment();
        long delay = backoff.nextDelayMs();
        if (backoff.attempts() == 1 || backoff.attempts() % 10 == 0) {
          log.warn("{}: store unavailable ({}); retry {} in {} ms, nothing committed", o.name(),
              e.getMessage(), backoff.attempts(), delay);
        }
        if (!pause.await(delay, () -> running, this::accept)) {
          return; // stopping: abandon the batch uncommitted; Kafka redelivers it
        }
      }
    }
    pause.resume();
  }

  private void commit() {
    var offsets = batch.offsets();
    for (int tries = 0; tries < 2; tries++) {
      try {
        consumer.commitSync(offsets, Duration.ofSeconds(30));
        return;
      } catch (WakeupException e) {
        // a stop() arrived: the data is written, so still commit it
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // partitions moved: the new owner re-reads them and the stores ignore what is already there
        log.info("{}: commit skipped after a rebalance: {}", o.name(), e.getMessage());
        return;
      } catch (KafkaException e) {
        // Kafka itself is unavailable: what is written stays written, a later commit covers it
        log.warn("{}: commit failed ({}); the next batch's commit will cover it", o.name(),
            e.getMessage());
        return;
      }
    }
  }

  private void finishOnStop() {
    if (batch.isEmpty()) {
      return;
    }
    try {
      int written = writer.attempt(batch);
      commit();
      metrics.written.increment(written);
      log.info("{}: stopped after writing and committing the last batch", o.name());
    } catch (SinkException | RuntimeException e) {
      log.warn("{}: stopped; the last batch was not committed and will be redelivered ({})",
          o.name(), e.getMessage());
    }
    batch.clear();
  }

  private void closeQuietly() {
    try {
      consumer.close(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      log.debug("{}: close: {}", o.name(), e.toString());
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      batch.dropPartitions(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      batch.dropPartitions(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      pause.assigned(partitions);
    }
  }

  private static final class FatalStop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FatalStop(SinkException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
