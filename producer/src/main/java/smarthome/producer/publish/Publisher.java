package smarthome.producer.publish;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import smarthome.common.config.KafkaSettings;
import smarthome.common.devices.Device;
import smarthome.common.devices.DeviceCodec;
import smarthome.common.devices.DeviceIds;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.Images;
import smarthome.common.kafka.Topics;
import smarthome.common.logs.LogCodec;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;

/**
 * Publishes the pipeline's events to Kafka, keyed by device_id, through one idempotent producer
 * (acks=all). Sends are asynchronous; every failure is counted and kept, and {@link #flush()} and
 * {@link #close()} wait for delivery and throw {@link PublishException} if anything was not
 * acknowledged since the last check, so no caller can lose a failure by not looking at a future.
 *
 * <p>Thread-safe: the API's request threads share one instance.
 */
public final class Publisher implements AutoCloseable {
  private final Producer<String, byte[]> producer;
  private final DeviceCodec deviceCodec = Topics.deviceCodec();
  private final ReadingCodec readingCodec = Topics.readingCodec();
  private final LogCodec logCodec = Topics.logCodec();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong reportedFailures = new AtomicLong();
  private final AtomicReference<Exception> firstError = new AtomicReference<>();

  public Publisher(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  public static Publisher create(KafkaSettings kafka, PublisherOptions o) {
    return new Publisher(new KafkaProducer<>(properties(kafka, o), new StringSerializer(),
        new ByteArraySerializer()));
  }

  /** The producer configuration (visible for the benchmarks, which compare like with like). */
  public static Properties properties(KafkaSettings kafka, PublisherOptions o) {
    Properties p = kafka.clientProperties(o.clientId());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    // retries stay unbounded in number (the default) but bounded in time by delivery.timeout.ms
    // below: a broker failing over is waited out, a cluster that stays down fails the send
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, o.compression());
    p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(o.lingerMs()));
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(o.batchSize()));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(o.bufferMemory()));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(o.maxBlock().toMillis()));
    long delivery = o.deliveryTimeout().toMillis();
    long request = Math.min(30_000, delivery);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(request));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(delivery, request + o.lingerMs())));
    // an image of 10 MiB plus headers must fit one request
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(Topics.IMAGE_MAX_MESSAGE_BYTES));
    return p;
  }

  /**
   * Checks that Kafka answers within the timeout, so a CLI can fail fast with a clear message.
   *
   * @throws IllegalStateException naming the servers when Kafka does not answer
   */
  public static void checkReachable(KafkaSettings kafka, Duration timeout) {
    Properties p = kafka.clientProperties("smarthome-reachability");
    p.put("request.timeout.ms", Long.toString(timeout.toMillis()));
    p.put("default.api.timeout.ms", Long.toString(timeout.toMillis()));
    p.put("reconnect.backoff.max.ms", "1000");
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .clusterId().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalStateException("cannot reach Kafka at " + kafka.bootstrapServers()
          + " within " + timeout.toSeconds() + " s", e);
    }
  }

  /** Device metadata, to the compacted devices topic. */
  public CompletableFuture<RecordMetadata> device(Device d) {
    return send(new ProducerRecord<>(Topics.DEVICES.name(), d.deviceId(), deviceCodec.encode(d)));
  }

  /** A tombstone on the devices topic: compaction then forgets the device. */
  public CompletableFuture<RecordMetadata> deviceTombstone(String deviceId) {
    return send(new ProducerRecord<>(Topics.DEVICES.name(), DeviceIds.check(deviceId), null));
  }

  public CompletableFuture<RecordMetadata> reading(Reading r) {
    return send(new ProducerRecord<>(Topics.READINGS.name(), r.deviceId(), readingCodec.encode(r)));
  }

  public CompletableFuture<RecordMetadata> log(LogEvent e) {
    return send(new ProducerRecord<>(Topics.LOGS.name(), e.deviceId(), logCodec.encode(e)));
  }

  /** Image bytes as the value, metadata in headers; the bytes are checked against it first. */
  public CompletableFuture<RecordMetadata> image(ImageMeta meta, byte[] bytes) {
    try {
      Images.checkBytes(bytes, meta.contentType(), meta.sha256());
    } catch (smarthome.common.json.InvalidEventException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    Headers h = Images.toHeaders(meta);
    return send(new ProducerRecord<>(Topics.IMAGES.name(), null, meta.deviceId(), bytes, h));
  }

  /** Sends pre-encoded bytes (for the benchmarks and gateways that encode themselves). */
  public CompletableFuture<RecordMetadata> raw(String topic, String key, byte[] value) {
    return send(new ProducerRecord<>(topic, key, value));
  }

  private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    CompletableFuture<RecordMetadata> f = new CompletableFuture<>();
    sent.incrementAndGet();
    try {
      producer.send(record, (md, ex) -> {
        if (ex == null) {
          acked.incrementAndGet();
          f.complete(md);
        } else {
          fail(ex);
          f.completeExceptionally(ex);
        }
      });
    } catch (RuntimeException ex) {
      // send itself throws when metadata or buffer space did not come within max.block.ms
      fail(ex);
      f.completeExceptionally(ex);
    }
    return f;
  }

  private void fail(Exception ex) {
    failed.incrementAndGet();
    firstError.compareAndSet(null, ex);
  }

  /**
   * Waits until every record sent so far is acknowledged or failed.
   *
   * @throws PublishException if any send failed since the previous flush
   */
  public void flush() {
    producer.flush();
    long f = failed.get();
    long previously = reportedFailures.getAndSet(f);
    if (f > previously) {
      Exception first = firstError.get();
      throw new PublishException((f - previously) + " of " + sent.get()
          + " records were not acknowledged by Kafka; first error: " + WriteFailure.explain(first), first);
    }
  }

  /** The first failure since this publisher began, explained; empty while every send succeeded. */
  public java.util.Optional<String> firstFailure() {
    return java.util.Optional.ofNullable(firstError.get()).map(WriteFailure::explain);
  }

  public long sent() {
    return sent.get();
  }

  public long acknowledged() {
    return acked.get();
  }

  public long failed() {
    return failed.get();
  }

  /** Flushes, then closes; throws like {@link #flush()}. */
  @Override
  public void close() {
    try {
      flush();
    } finally {
      producer.close(Duration.ofSeconds(30));
    }
  }
}
