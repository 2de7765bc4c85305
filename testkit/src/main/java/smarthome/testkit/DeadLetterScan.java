package smarthome.testkit;

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
  // The worker's DeadLetters names them too; spelled here as the README's contract, so a test that
  // reads dead letters through this scan notices when the worker renames one.
  static final String SOURCE_TOPIC = "dlq.source.topic";
  static final String SOURCE_PARTITION = "dlq.source.partition";
  static final String SOURCE_OFFSET = "dlq.source.offset";

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
          out.put(headers.get(SOURCE_TOPIC) + "/" + headers.get(SOURCE_PARTITION) + "/"
              + headers.get(SOURCE_OFFSET), headers);
        }
      }
    }
    return out;
  }
}
