package smarthome.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import smarthome.common.kafka.TopicSpec;
import smarthome.common.kafka.Topics;

class KafkaSmokeIT {
  @Test
  void everyTopicOfTheDesignExistsWithItsConfig() throws Exception {
    // Given the test stack is up (bin/test started it)
    try (Admin admin = Admin.create(TestStack.kafka().clientProperties("smoke-admin"))) {
      // When we list the topics and read their configs
      Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      for (TopicSpec<?> spec : Topics.all()) {
        assertTrue(names.contains(spec.name()), "missing topic " + spec.name());
        ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        Config c = admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r);
        // Then each declared config holds on the broker
        for (Map.Entry<String, String> e : spec.configs().entrySet()) {
          assertEquals(e.getValue(), c.get(e.getKey()).value(), spec.name() + " " + e.getKey());
        }
      }
      assertEquals(TestStack.kafka().topicPartitions(), admin.describeTopics(
          List.of(Topics.READINGS.name())).allTopicNames().get().get(Topics.READINGS.name())
          .partitions().size());
    }
  }

  @Test
  void producesAndConsumesOnTheRealBroker() throws Exception {
    String topic = "smoke." + UUID.randomUUID();
    Properties base = TestStack.kafka().clientProperties("smoke");
    try (Admin admin = Admin.create(base)) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
      try {
        // Given 100 records sent with acks=all
        Properties pp = new Properties();
        pp.putAll(base);
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
          for (int i = 0; i < 100; i++) {
            producer.send(new ProducerRecord<>(topic, "k" + (i % 7), "v" + i)).get();
          }
        }
        // When a consumer reads the topic from the beginning
        Properties cp = new Properties();
        cp.putAll(base);
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID());
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
          consumer.subscribe(List.of(topic));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (seen.size() < 100 && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
              seen.add(r.value());
            }
          }
        }
        // Then every record arrives exactly once
        assertEquals(100, seen.size());
        assertEquals(100, Set.copyOf(seen).size());
      } finally {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      }
    }
  }
}
