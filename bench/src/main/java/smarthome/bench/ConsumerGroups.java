package smarthome.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import smarthome.common.config.KafkaSettings;

/** Consumer group offsets set before a benchmark phase, and what a group holds during one. */
final class ConsumerGroups {
  /** A group as the broker sees it: stable (no rebalance under way) and its members. */
  record View(boolean stable, List<WorkerShares.Member> members) {}

  private ConsumerGroups() {}

  /** Moves a consumer group to the end of a topic, so a worker reads only what comes next. */
  static void toEnd(KafkaSettings kafka, String group, String topic) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties("bench-admin"))) {
      setOffsets(admin, group, ends(admin, topic));
    }
  }

  /** The end offset of each partition of the topic. */
  static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
    var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp, info.offset()));
    return out;
  }

  /** Sets the committed offsets of an empty group (the broker refuses while it has members). */
  static void setOffsets(Admin admin, String group, Map<TopicPartition, Long> offsets) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
    offsets.forEach((tp, o) -> target.put(tp, new OffsetAndMetadata(o)));
    admin.alterConsumerGroupOffsets(group, target).all().get(30, TimeUnit.SECONDS);
  }

  /** The offsets the group committed. */
  static Map<TopicPartition, Long> committed(Admin admin, String group) throws Exception {
    Map<TopicPartition, Long> out = new HashMap<>();
    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
        .forEach((tp, om) -> {
          if (om != null) {
            out.put(tp, om.offset());
          }
        });
    return out;
  }

  /** Whether the group has committed at least up to the given offsets on every partition. */
  static boolean reached(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), -1L) >= e.getValue());
  }

  static View describe(Admin admin, String group) throws Exception {
    ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
    return new View(d.groupState() == GroupState.STABLE, d.members().stream()
        .map(m -> new WorkerShares.Member(m.clientId(),
            m.assignment().topicPartitions().stream().map(TopicPartition::partition).toList()))
        .toList());
  }
}
