package smarthome.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import smarthome.common.config.KafkaSettings;
import smarthome.common.kafka.Topics;

/** Dead letters through one idempotent Kafka producer; a message longer than 1000 characters is cut. */
public final class KafkaDeadLetters implements DeadLetters {
  private static final int MAX_MESSAGE = 1000;

  private final Producer<byte[], byte[]> producer;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

  public KafkaDeadLetters(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  static KafkaDeadLetters create(KafkaSettings kafka, String clientId) {
    var p = kafka.clientProperties(clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Topics.IMAGE_MAX_MESSAGE_BYTES));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
    return new KafkaDeadLetters(new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer()));
  }

  @Override
  public void send(ConsumerRecord<String, byte[]> record, String errorClass, String message) {
    RecordHeaders h = new RecordHeaders();
    for (Header original : record.headers()) {
      h.add(original);
    }
    h.add(H_ERROR_CLASS, utf8(errorClass));
    h.add(H_ERROR_MESSAGE, utf8(message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message));
    h.add(H_SOURCE_TOPIC, utf8(record.topic()));
    h.add(H_SOURCE_PARTITION, utf8(Integer.toString(record.partition())));
    h.add(H_SOURCE_OFFSET, utf8(Long.toString(record.offset())));
    byte[] key = record.key() == null ? null : utf8(record.key());
    try {
      producer.send(new ProducerRecord<>(record.topic() + ".dlq", null, key, record.value(), h),
          (md, ex) -> {
            if (ex != null) {
              failed(ex);
            }
          });
    } catch (RuntimeException ex) {
      failed(ex);
    }
  }

  @Override
  public void flush() throws SinkException {
    producer.flush();
    if (failures.get() > 0) {
      Exception first = firstFailure.getAndSet(null);
      failures.set(0);
      throw SinkException.retriable("dead-letter topic did not acknowledge: " + first, first);
    }
  }

  private void failed(Exception ex) {
    failures.incrementAndGet();
    firstFailure.compareAndSet(null, ex);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
