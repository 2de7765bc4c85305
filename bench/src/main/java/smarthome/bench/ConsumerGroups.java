package smarthome.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import smarthome.common.config.KafkaSettings;

/** Consumer group offsets set before a benchmark phase. */
final class ConsumerGroups {
  private ConsumerGroups() {}

  /** Moves a consumer group to the end of a topic, so a worker reads only what comes next. */
  static void toEnd(KafkaSettings kafka, String group, String topic) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties("bench-admin"))) {
      var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
      admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> target.put(tp, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(group, target).all().get(30, TimeUnit.SECONDS);
    }
  }
}
