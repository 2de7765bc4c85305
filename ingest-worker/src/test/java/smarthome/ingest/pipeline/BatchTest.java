package smarthome.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class BatchTest {
  static ConsumerRecord<String, byte[]> record(String topic, int partition, long offset) {
    return new ConsumerRecord<>(topic, partition, offset, "d", new byte[] {1});
  }

  @Test
  void commitsTheNextOffsetOfEveryPartitionHoweverTheRecordsInterleave() {
    Batch<String> batch = new Batch<>();
    Decoded<String> e = new Decoded<>("e", "d", Instant.EPOCH);
    batch.add(record("a", 0, 10), e);
    batch.add(record("a", 0, 11), e);
    batch.add(record("a", 1, 5), e);
    batch.deadLetter(record("b", 1, 7), "invalid_event", "bad");
    batch.add(record("a", 0, 12), e);
    batch.add(record("a", 1, 6), e);
    assertEquals(Map.of(
        new TopicPartition("a", 0), new OffsetAndMetadata(13),
        new TopicPartition("a", 1), new OffsetAndMetadata(7),
        new TopicPartition("b", 1), new OffsetAndMetadata(8)), batch.offsets());
    batch.dropPartitions(List.of(new TopicPartition("a", 1)));
    assertEquals(Map.of(
        new TopicPartition("a", 0), new OffsetAndMetadata(13),
        new TopicPartition("b", 1), new OffsetAndMetadata(8)), batch.offsets());
    assertEquals(4, batch.records());
  }
}
