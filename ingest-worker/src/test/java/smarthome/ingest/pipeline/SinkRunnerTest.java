package smarthome.ingest.pipeline;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import smarthome.common.json.InvalidEventException;

/**
 * The consumer loop against Kafka's MockConsumer and an in-memory sink (pure logic, no network):
 * commit only after the store acknowledged, retry without committing, isolate rejected records,
 * drop events of deleted devices.
 */
class SinkRunnerTest {
  static final String TOPIC = "t";
  static final TopicPartition TP = new TopicPartition(TOPIC, 0);

  final List<Map<TopicPartition, OffsetAndMetadata>> commits = new CopyOnWriteArrayList<>();
  final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
      commits.add(Map.copyOf(offsets));
      super.commitSync(offsets, timeout);
    }
  };
  final MockProducer<byte[], byte[]> dlqProducer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  final FakeSink sink = new FakeSink();
  DeadLetters deadLetters = new KafkaDeadLetters(dlqProducer);
  final Map<String, Instant> watermarks = Collections.synchronizedMap(new HashMap<>());
  final List<Map<String, Instant>> watermarkSequence = new CopyOnWriteArrayList<>();
  SinkRunner<String> runner;
  Thread thread;

  /** Values are "device|epochMillis"; "bad" cannot be decoded. */
  static final Decoder<String> DECODER = r -> {
    String v = new String(r.value(), StandardCharsets.UTF_8);
    String[] p = v.split("\\|");
    if (p.length != 2) {
      throw new InvalidEventException("cannot decode " + v);
    }
    return new Decoded<>(v, p[0], Instant.ofEpochMilli(Long.parseLong(p[1])));
  };

  static final class FakeSink implements Sink<String> {
    final List<String> stored = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger failRetriable = new AtomicInteger();
    volatile String rejectValue;
    /** A batch holding this value fails once, retriably, after the rejection check. */
    volatile String failOnceOn;
    volatile boolean fatal;
    volatile Runnable onOutage = () -> {};
    final List<String> erased = new CopyOnWriteArrayList<>();

    @Override
    public void write(List<String> batch) throws SinkException {
      attempts.incrementAndGet();
      if (fatal) {
        throw SinkException.fatal("bad credentials: check X_PASSWORD", null);
      }
      if (failRetriable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        onOutage.run();
        throw SinkException.retriable("store down", null);
      }
      if (rejectValue != null && batch.contains(rejectValue)) {
        throw SinkException.rejected("store refuses " + rejectValue, null);
      }
      String once = failOnceOn;
      if (once != null && batch.contains(once)) {
        failOnceOn = null;
        throw SinkException.retriable("store down while writing " + once, null);
      }
      for (String s : batch) {
        if (!stored.contains(s)) {
          stored.add(s); // idempotent like the real stores
        }
      }
    }

    @Override
    public void eraseUpTo(String deviceId, Instant deletedAt) {
      erased.add(deviceId + "@" + deletedAt.toEpochMilli());
      stored.removeIf(s -> s.startsWith(deviceId + "|")
          && Long.parseLong(s.split("\\|")[1]) <= deletedAt.toEpochMilli());
    }
  }

  void start(int batchSize) {
    Watermarks w = ids -> {
      if (!watermarkSequence.isEmpty()) {
        return watermarkSequence.remove(0);
      }
      Map<String, Instant> out = new HashMap<>();
      for (String id : ids) {
        if (watermarks.containsKey(id)) {
          out.put(id, watermarks.get(id));
        }
      }
      return out;
    };
    SinkRunner.Options o = new SinkRunner.Options("test", TOPIC, batchSize, 1 << 20,
        Duration.ofMillis(20), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
    runner = new SinkRunner<>(o, consumer, DECODER, sink, deadLetters, w,
        new SinkMetrics(new SimpleMeterRegistry(), "test"));
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(TP));
      consumer.updateBeginningOffsets(Map.of(TP, 0L));
      consumer.seek(TP, 0);
    });
    thread = new Thread(runner);
    thread.start();
  }

  void send(String... values) {
    consumer.schedulePollTask(() -> {
      long offset = consumer.position(TP);
      for (String v : values) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, 0, offset++, v.split("\\|")[0],
            v.getBytes(StandardCharsets.UTF_8)));
      }
    });
  }

  Long committed() {
    OffsetAndMetadata o = consumer.committed(Set.of(TP)).get(TP);
    return o == null ? null : o.offset();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (runner != null) {
      runner.stop();
      thread.join(5000);
    }
  }

  @Test
  void writesThenCommitsAndDeadLettersWhatCannotBeDecoded() {
    start(100);
    send("a|1", "a|2", "bad", "b|3");
    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(4).equals(committed()));
    assertEquals(List.of("a|1", "a|2", "b|3"), sink.stored);
    assertEquals(1, dlqProducer.history().size());
    var letter = dlqProducer.history().get(0);
    assertEquals("t.dlq", letter.topic());
    assertEquals("bad", new String(letter.value(), StandardCharsets.UTF_8));
    assertEquals("invalid_event", header(letter, DeadLetters.H_ERROR_CLASS));
    assertEquals("cannot decode bad", header(letter, DeadLetters.H_ERROR_MESSAGE));
    assertEquals("2", header(letter, DeadLetters.H_SOURCE_OFFSET));
    assertEquals("t", header(letter, DeadLetters.H_SOURCE_TOPIC));
  }

  @Test
  void retriesTheSameBatchWithoutCommittingUntilTheStoreIsBack() {
    sink.failRetriable.set(5);
    List<Integer> commitsDuringOutage = new CopyOnWriteArrayList<>();
    sink.onOutage = () -> commitsDuringOutage.add(commits.size());
    start(100);
    send("a|1", "a|2", "a|3");
    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(3).equals(committed()));
    assertEquals(List.of("a|1", "a|2", "a|3"), sink.stored);
    assertEquals(6, sink.attempts.get(), "five failures, then one success");
    assertEquals(List.of(0, 0, 0, 0, 0), commitsDuringOutage, "nothing committed while the store is down");
    // resuming follows the commit on the runner's thread
    await().atMost(Duration.ofSeconds(5)).until(() -> consumer.paused().isEmpty());
  }

  @Test
  void aRejectedRecordIsIsolatedAndDeadLetteredWhileTheRestIsStored() {
    sink.rejectValue = "a|5";
    start(100);
    send("a|1", "a|2", "a|3", "a|4", "a|5", "a|6", "a|7", "a|8");
    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(8).equals(committed()));
    assertEquals(7, sink.stored.size());
    assertTrue(!sink.stored.contains("a|5"));
    assertEquals(1, dlqProducer.history().size());
    assertEquals("rejected_by_store", header(dlqProducer.history().get(0), DeadLetters.H_ERROR_CLASS));
    assertEquals("a|5", new String(dlqProducer.history().get(0).value(), StandardCharsets.UTF_8));
  }

  @Test
  void aFatalErrorStopsTheLoopWithoutCommitting() throws InterruptedException {
    sink.fatal = true;
    start(100);
    send("a|1");
    thread.join(5000);
    assertTrue(!thread.isAlive());
    assertTrue(runner.failure().getMessage().contains("X_PASSWORD"));
    assertTrue(commits.isEmpty(), "nothing committed");
    assertTrue(consumer.closed());
  }

  @Test
  void eventsOfADeletedDeviceStampedUpToTheWatermarkAreDropped() {
    watermarks.put("gone", Instant.ofEpochMilli(10));
    start(100);
    send("gone|5", "gone|10", "gone|11", "kept|5");
    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(4).equals(committed()));
    assertEquals(List.of("gone|11", "kept|5"), sink.stored, "a later stamp is a new life");
  }

  @Test
  void aDeleteThatRacesWithTheWriteIsErasedAgain() {
    // before the write: no watermark; after it: the device was deleted at t=100
    watermarkSequence.add(Map.of());
    watermarkSequence.add(Map.of("racy", Instant.ofEpochMilli(100)));
    start(100);
    send("racy|50", "racy|150");
    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(2).equals(committed()));
    assertEquals(List.of("racy@100"), sink.erased);
    assertEquals(List.of("racy|150"), sink.stored);
  }

  @Test
  void cutsBatchesAtTheConfiguredSize() {
    start(3);
    List<String> values = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      values.add("d|" + i);
    }
    send(values.toArray(String[]::new));
    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(10).equals(committed()));
    assertEquals(4, sink.attempts.get(), "3 + 3 + 3 + 1");
    assertEquals(10, sink.stored.size());
  }

  /** Records every dead letter sent and how often the loop waited for acknowledgements. */
  static final class CountingDeadLetters implements DeadLetters {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final AtomicInteger flushes = new AtomicInteger();

    @Override
    public void send(ConsumerRecord<String, byte[]> record, String errorClass, String message) {
      sent.add(errorClass + ":" + new String(record.value(), StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      flushes.incrementAndGet();
    }
  }

  @Test
  void eachDeadLetterIsSentOnceWhileTheStoreIsRetried() {
    CountingDeadLetters letters = new CountingDeadLetters();
    deadLetters = letters;
    sink.failRetriable.set(3);
    start(100);
    send("a|1", "bad", "a|2");
    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(3).equals(committed()));
    assertEquals(4, sink.attempts.get(), "three failures, then one success");
    assertEquals(List.of("invalid_event:bad"), letters.sent, "once, not once per attempt");
    assertEquals(List.of("a|1", "a|2"), sink.stored);
  }

  @Test
  void aRejectedRecordIsDeadLetteredOnceWhenTheRestOfItsBatchMustBeRetried() {
    CountingDeadLetters letters = new CountingDeadLetters();
    deadLetters = letters;
    sink.rejectValue = "a|1";
    sink.failOnceOn = "a|2"; // the half after the refused record meets a store outage
    start(100);
    send("a|1", "a|2");
    await().atMost(Duration.ofSeconds(5)).until(() -> Long.valueOf(2).equals(committed()));
    assertEquals(List.of("rejected_by_store:a|1"), letters.sent);
    assertEquals(List.of("a|2"), sink.stored);
  }

  private static String header(org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> r,
      String key) {
    return new String(r.headers().lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
