package smarthome.ingest.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import smarthome.common.kafka.Topics;

/**
 * Reads the dead-letter topics from the beginning with a throwaway group and indexes each dead
 * letter's headers by the coordinates of the record it replaces ({@link #coordinates}). Used by
 * the poison tests and the fault suite to check that every refused record arrived with a reason.
 */
public final class DeadLetterScan {
  /** The dead-letter topics of the four sink topics. */
  public static final List<String> TOPICS = List.of(Topics.READINGS.name() + ".dlq",
      Topics.LOGS.name() + ".dlq", Topics.DEVICES.name() + ".dlq", Topics.IMAGES.name() + ".dlq");

  private DeadLetterScan() {}

  /** The key of a source record: {@code topic/partition/offset}. */
  public static String coordinates(String topic, int partition, long offset) {
    return topic + "/" + partition + "/" + offset;
  }

  /**
   * Polls until every wanted source coordinate has a dead letter or the timeout passes.
   *
   * @param clientProperties bootstrap and security settings; a fresh group id is added
   * @return headers of each dead letter seen, by source coordinates (may lack some wanted ones)
   */
  public static Map<String, Map<String, String>> bySource(Properties clientProperties,
      Collection<String> wanted, Duration timeout) {
    Properties p = new Properties();
    p.putAll(clientProperties);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-scan-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, Map<String, String>> out = new HashMap<>();
    try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      c.subscribe(TOPICS);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline && !out.keySet().containsAll(wanted)) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(300))) {
          Map<String, String> headers = new HashMap<>();
          r.headers().forEach(x -> headers.put(x.key(), new String(x.value(), StandardCharsets.UTF_8)));
          out.put(headers.get(DeadLetters.H_SOURCE_TOPIC) + "/" + headers.get(DeadLetters.H_SOURCE_PARTITION)
              + "/" + headers.get(DeadLetters.H_SOURCE_OFFSET), headers);
        }
      }
    }
    return out;
  }
}
