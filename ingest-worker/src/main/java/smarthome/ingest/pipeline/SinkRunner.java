package smarthome.ingest.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  private static final long REPORT_EVERY_NANOS = 10_000_000_000L;

  /** Batching and retry settings of one sink. */
  public record Options(String name, String topic, int batchSize, long batchBytes, Duration linger,
      Duration backoffInitial, Duration backoffMax, Duration stopGrace) {}

  private final Options o;
  private final Consumer<String, byte[]> consumer;
  private final Decoder<T> decoder;
  private final Sink<T> sink;
  private final DeadLetters deadLetters;
  private final Watermarks watermarks;
  private final SinkMetrics metrics;
  private final Batch<T> batch = new Batch<>();
  private final Backoff backoff;
  private volatile boolean running = true;
  private volatile boolean started;
  private volatile Throwable failure;
  private boolean paused;
  private long lastReport = System.nanoTime();
  private long writtenAtReport;
  /** Where the loop's time goes since the last report: poll, decode, watermarks, write, commit. */
  private final long[] spent = new long[5];

  public SinkRunner(Options o, Consumer<String, byte[]> consumer, Decoder<T> decoder, Sink<T> sink,
      DeadLetters deadLetters, Watermarks watermarks, SinkMetrics metrics) {
    this.o = o;
    this.consumer = consumer;
    this.decoder = decoder;
    this.sink = sink;
    this.deadLetters = deadLetters;
    this.watermarks = watermarks;
    this.metrics = metrics;
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
        spent[0] += System.nanoTime() - t0;
        for (ConsumerRecord<String, byte[]> r : polled) {
          long t1 = System.nanoTime();
          accept(r);
          spent[1] += System.nanoTime() - t1;
          if (batch.records() >= o.batchSize() || batch.bytes() >= o.batchBytes()) {
            flush();
          }
        }
        if (!batch.isEmpty() && batch.ageNanos() >= o.linger().toNanos()) {
          flush();
        }
        updateLag();
        report();
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
        int written = attempt();
        long tc = System.nanoTime();
        commit();
        spent[4] += System.nanoTime() - tc;
        metrics.writeLatency.record(Duration.ofNanos(System.nanoTime() - t0));
        metrics.batches.increment();
        metrics.written.increment(written);
        if (backoff.attempts() > 0) {
          log.info("{}: store is back after {} retries; resuming", o.name(), backoff.attempts());
        }
        batch.clear();
        resume();
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
        if (!waitPaused(delay)) {
          return; // stopping: abandon the batch uncommitted; Kafka redelivers it
        }
      }
    }
    resume();
  }

  /** One attempt: watermark filter, write, dead letters, re-check watermarks. Returns events written. */
  private int attempt() throws SinkException {
    Set<String> devices = batch.devices();
    long tw = System.nanoTime();
    Map<String, Instant> before = watermarks.of(devices);
    spent[2] += System.nanoTime() - tw;
    List<Batch.Entry<T>> keep = new ArrayList<>(batch.entries.size());
    long dropped = 0;
    for (Batch.Entry<T> e : batch.entries) {
      Instant w = before.get(e.decoded().deviceId());
      if (w != null && !e.decoded().eventTime().isAfter(w)) {
        dropped++;
      } else {
        keep.add(e);
      }
    }
    for (Batch.Letter l : batch.letters) {
      if (!l.sent) {
        deadLetters.send(l.record, l.errorClass, l.message);
      }
    }
    long ts = System.nanoTime();
    int rejected = writeIsolating(keep);
    deadLetters.flush();
    spent[3] += System.nanoTime() - ts;
    batch.letters.forEach(l -> l.sent = true);
    metrics.deadLetters.increment(batch.letters.size() + rejected);
    metrics.droppedDeleted.increment(dropped);
    batch.letters.clear();
    long te = System.nanoTime();
    eraseIfDeletedMeanwhile(keep, devices, before);
    spent[2] += System.nanoTime() - te;
    return keep.size() - rejected;
  }

  /**
   * Writes the events; when the store rejects the batch, splits it in halves until the refused
   * events are alone, dead-letters those and writes the rest. Returns the number dead-lettered.
   */
  private int writeIsolating(List<Batch.Entry<T>> entries) throws SinkException {
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
        deadLetters.send(entries.get(0).record(), "rejected_by_store", e.getMessage());
        return 1;
      }
      int mid = entries.size() / 2;
      return writeIsolating(entries.subList(0, mid)) + writeIsolating(entries.subList(mid, entries.size()));
    }
  }

  private void eraseIfDeletedMeanwhile(List<Batch.Entry<T>> written, Set<String> devices,
      Map<String, Instant> before) throws SinkException {
    Map<String, Instant> after = watermarks.of(devices);
    for (Map.Entry<String, Instant> w : after.entrySet()) {
      Instant old = before.get(w.getKey());
      if (old != null && !w.getValue().isAfter(old)) {
        continue;
      }
      boolean affected = written.stream().anyMatch(e -> e.decoded().deviceId().equals(w.getKey())
          && !e.decoded().eventTime().isAfter(w.getValue()));
      if (affected) {
        log.info("{}: device {} was deleted while its batch was written; erasing it again",
            o.name(), w.getKey());
        sink.eraseUpTo(w.getKey(), w.getValue());
        metrics.erased.increment();
      }
    }
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

  /** Keeps the group membership alive while the store is down; false when asked to stop. */
  private boolean waitPaused(long delayMs) {
    pauseAll();
    long until = System.nanoTime() + delayMs * 1_000_000;
    while (running && System.nanoTime() < until) {
      try {
        // partitions are paused: this returns nothing but runs heartbeats and rebalances
        ConsumerRecords<String, byte[]> none = consumer.poll(Duration.ofMillis(Math.min(delayMs, 200)));
        for (ConsumerRecord<String, byte[]> r : none) {
          accept(r); // cannot happen while paused; kept so nothing polled is ever lost
        }
      } catch (WakeupException e) {
        return false;
      }
    }
    return running;
  }

  private void pauseAll() {
    consumer.pause(consumer.assignment());
    paused = true;
  }

  private void resume() {
    if (paused) {
      consumer.resume(consumer.paused());
      paused = false;
    }
  }

  private void finishOnStop() {
    if (batch.isEmpty()) {
      return;
    }
    try {
      int written = attempt();
      commit();
      metrics.written.increment(written);
      log.info("{}: stopped after writing and committing the last batch", o.name());
    } catch (SinkException | RuntimeException e) {
      log.warn("{}: stopped; the last batch was not committed and will be redelivered ({})",
          o.name(), e.getMessage());
    }
    batch.clear();
  }

  private void updateLag() {
    long lag = 0;
    for (TopicPartition tp : consumer.assignment()) {
      var l = consumer.currentLag(tp);
      if (l.isPresent()) {
        lag += l.getAsLong();
      }
    }
    metrics.lag(this, lag);
  }

  private void report() {
    long now = System.nanoTime();
    if (now - lastReport < REPORT_EVERY_NANOS) {
      return;
    }
    long written = metrics.written();
    if (written != writtenAtReport || metrics.lag() > 0) {
      double span = (now - lastReport) / 1e9;
      log.info("{}: {} written ({}/s), {} dead letters, {} retries, lag {}; time in poll {}%, "
          + "decode {}%, watermarks {}%, store {}%, commit {}%", o.name(), written,
          Math.round((written - writtenAtReport) / span), metrics.deadLetterCount(),
          metrics.retryCount(), metrics.lag(), pct(spent[0], span), pct(spent[1], span),
          pct(spent[2], span), pct(spent[3], span), pct(spent[4], span));
    }
    java.util.Arrays.fill(spent, 0);
    lastReport = now;
    writtenAtReport = written;
  }

  private static long pct(long nanos, double seconds) {
    return Math.round(nanos / 1e7 / seconds);
  }

  private void closeQuietly() {
    try {
      consumer.close(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      log.debug("{}: close: {}", o.name(), e.toString());
    }
  }

  private static <T> List<T> events(List<Batch.Entry<T>> entries) {
    List<T> out = new ArrayList<>(entries.size());
    entries.forEach(e -> out.add(e.decoded().event()));
    return out;
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
      if (paused) {
        consumer.pause(partitions); // still waiting for the store: do not fetch more
      }
    }
  }

  private static final class FatalStop extends RuntimeException {
    private static final long serialVersionUID = 1L;

    FatalStop(SinkException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
