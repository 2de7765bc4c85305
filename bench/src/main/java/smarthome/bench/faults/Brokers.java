package smarthome.bench.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import smarthome.common.kafka.TopicSpec;
import smarthome.common.kafka.Topics;
import smarthome.common.readings.Reading;

/**
 * The nodes of bin/stack's three-node Kafka (kafka-1..kafka-3, node id = n): who leads what, kill
 * -9 by the pid bin/stack keeps, and the topic log itself, read back to count what it holds twice.
 */
final class Brokers implements AutoCloseable {
  private final Harness h;
  private final Admin admin;

  Brokers(Harness h) {
    this.h = h;
    this.admin = Admin.create(h.stack.kafka().clientProperties("faults-brokers"));
  }

  /** The node leading most partitions of the topic. */
  int leaderOfMost(String topic) throws Exception {
    Map<Integer, Integer> led = new HashMap<>();
    for (TopicPartitionInfo p : describe(topic).partitions()) {
      if (p.leader() != null) {
        led.merge(p.leader().id(), 1, Integer::sum);
      }
    }
    return led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  int partitionsLedBy(String topic, int node) throws Exception {
    return (int) describe(topic).partitions().stream()
        .filter(p -> p.leader() != null && p.leader().id() == node).count();
  }

  /** Every partition of the pipeline's topics has all its replicas in sync again. */
  boolean fullyReplicated() throws Exception {
    List<String> names = Topics.all().stream().map(TopicSpec::name).toList();
    for (TopicDescription d : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
      for (TopicPartitionInfo p : d.partitions()) {
        if (p.isr().size() < p.replicas().size()) {
          return false;
        }
      }
    }
    return true;
  }

  private TopicDescription describe(String topic) throws Exception {
    return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
  }

  /** SIGKILL to the node's process: no controlled shutdown, no flush of its page cache's order. */
  void kill9(int node) throws Exception {
    Path pidFile = Path.of(h.stack.env().get("SMARTHOME_STACK_DIR"), "run", "kafka-" + node + ".pid");
    long pid = Long.parseLong(Files.readString(pidFile).trim());
    ProcessHandle p = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("kafka-" + node + " is not running"));
    p.destroyForcibly();
    p.onExit().get(30, TimeUnit.SECONDS);
  }

  void stop(int node) {
    h.stackCommand("stop", "kafka-" + node);
  }

  /** Starts the node (or "kafka", every node); returns the seconds until all replicas are in sync, or -1. */
  double startAndResync(String name) throws InterruptedException {
    long t0 = System.nanoTime();
    h.stackCommand("start", name);
    double synced = Harness.until(Duration.ofSeconds(90), this::fullyReplicated);
    return synced < 0 ? -1 : (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Records of the readings topic whose key starts with the prefix, counted per key, and how many
   * of them repeat an event id (a producer retry written twice would).
   */
  LogCount readingsLog(String prefix) {
    var props = h.stack.kafka().clientProperties("faults-log-reader");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(Topics.READINGS.name()).forEach(p -> parts.add(new TopicPartition(p.topic(), p.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      Set<String> ids = new HashSet<>();
      Set<String> points = new HashSet<>();
      Map<String, Long> perKey = new HashMap<>();
      Map<String, Long> last = new HashMap<>();
      long records = 0;
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.key() != null && r.key().startsWith(prefix)) {
            records++;
            perKey.merge(r.key(), 1L, Long::sum);
            Reading reading = Topics.readingCodec().decode(r.value());
            ids.add(reading.eventId().toString());
            long millis = reading.timestamp().toEpochMilli();
            points.add(r.key() + "@" + millis);
            last.merge(r.key(), millis, Math::max);
          }
        }
      }
      return new LogCount(records, records - ids.size(), perKey, last, points);
    } catch (Exception e) {
      throw new IllegalStateException("reading back " + Topics.READINGS.name() + ": " + e, e);
    }
  }

  /** What the log holds of a prefix: per device the records and the latest event time. */
  record LogCount(long records, long duplicates, Map<String, Long> perKey, Map<String, Long> lastMillis,
      Set<String> points) {}

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
