package smarthome.producer.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import smarthome.testkit.TestStack;

/** Reads what was appended to a topic between two points in time (end offsets before and after). */
final class TopicTail implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Map<TopicPartition, Long> start;

  TopicTail(String topic) {
    Properties p = TestStack.kafka().clientProperties("it-tail-" + UUID.randomUUID());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    partitions = consumer.partitionsFor(topic).stream()
        .map(i -> new TopicPartition(topic, i.partition())).toList();
    start = new HashMap<>(consumer.endOffsets(partitions));
  }

  /** Every record appended since construction, up to the current end. */
  List<ConsumerRecord<String, byte[]>> appended() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    consumer.assign(partitions);
    start.forEach(consumer::seek);
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline && !reached(end)) {
      consumer.poll(Duration.ofMillis(200)).forEach(out::add);
    }
    if (!reached(end)) {
      throw new IllegalStateException("did not reach the end offsets " + end);
    }
    return out;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < end.get(tp)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
