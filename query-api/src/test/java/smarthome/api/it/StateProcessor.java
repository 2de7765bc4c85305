package smarthome.api.it;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import smarthome.common.kafka.Topics;
import smarthome.ingest.app.IngestConfig;
import smarthome.testkit.TestStack;

/**
 * The real state processor and state-table sink (the worker's {@code --sinks state}) in this JVM,
 * as a new deployment under its own application id, but starting at the end of the readings and
 * devices topics: a fresh application id would otherwise first replay every reading the other
 * tests left there, which takes minutes on a loaded machine (StateIT covers that path).
 */
final class StateProcessor implements AutoCloseable {
  private final InProcessWorker worker;

  private StateProcessor(InProcessWorker worker) {
    this.worker = worker;
  }

  /** Offline after offlineMinMs without a reading (the processor's lower bound). */
  static StateProcessor start(String groupPrefix, Path stateDir, long offlineMinMs) throws Exception {
    Map<String, String> env = new HashMap<>(TestStack.env());
    env.put("INGEST_GROUP_PREFIX", groupPrefix);
    env.put("INGEST_LINGER_MS", "50");
    env.put("STATE_DIR", stateDir.toString());
    env.put("STATE_INSTANCE_ID", groupPrefix);
    env.put("STATE_PUNCTUATE_MS", "500");
    env.put("STATE_OFFLINE_MIN_MS", Long.toString(offlineMinMs));
    IngestConfig cfg = IngestConfig.parse(env, "state", -1);
    skipToEnd(cfg.stateSettings().applicationId());
    return new StateProcessor(InProcessWorker.start(cfg, "it-state"));
  }

  /** Commits the processor's group at the current end of every partition it reads. */
  private static void skipToEnd(String applicationId) throws Exception {
    try (Admin admin = Admin.create(TestStack.kafka().clientProperties("it-state-admin"))) {
      List<String> topics = List.of(Topics.READINGS.name(), Topics.DEVICES.name());
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
          .forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(latest).all().get().entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
      admin.alterConsumerGroupOffsets(applicationId, ends).all().get();
    }
  }

  @Override
  public void close() throws Exception {
    worker.close();
  }
}
