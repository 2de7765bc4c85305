package smarthome.ingest.app;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import smarthome.common.kafka.Topics;
import smarthome.ingest.app.IngestConfig.SinkName;
import smarthome.ingest.pipeline.SinkModule;
import smarthome.ingest.pipeline.SinkModule.Intake;
import smarthome.ingest.pipeline.SinkRunner;

/**
 * The one place a sink's consumers are tuned: their Kafka properties, the loop's batch cut-offs
 * and how many consumers a process runs, from the configuration and the sink's intake.
 */
final class ConsumerSettings {
  /** The largest small event we expect (a reading, a log line, device metadata or state). */
  private static final int SMALL_RECORD_BYTES = 1 << 20;
  /**
   * A readings fetch: about 15,000 compressed readings, three batches' worth. A fetch's buffer lives
   * until its last record is polled, so every young collection copied the consumers' 8 MiB fetches
   * (BENCHMARKS.md, "Allocation and GC of the readings path").
   */
  private static final int READINGS_FETCH_BYTES = 1 << 20;
  /** Images are few and large: a batch of them is cut early. */
  private static final int LARGE_BATCH = 32;

  private final IngestConfig cfg;
  private final int imageBatch;

  ConsumerSettings(IngestConfig cfg) {
    this(cfg, Runtime.getRuntime().maxMemory());
  }

  /** @param heapBytes the heap the images sink is sized to (the JVM's -Xmx outside tests) */
  ConsumerSettings(IngestConfig cfg, long heapBytes) {
    this.cfg = cfg;
    this.imageBatch = imageBatch(heapBytes, Math.min(cfg.batchSize, LARGE_BATCH));
  }

  /**
   * How many images a batch of the images sink holds, so that images in memory stay within half the
   * heap, each counted at the largest the topic accepts. Besides the batch, the consumer may hold
   * one fetched (not yet polled) image per partition (it fetches ahead for every partition with
   * nothing buffered, so {@link Topics#DEFAULT_PARTITIONS} of them at worst), one being
   * decompressed and one polled but not yet in the batch. At -Xmx256m: 2 images in a batch, 10 in
   * memory at worst (120 MiB). At least 1, however small the heap: an image must get through.
   */
  static int imageBatch(long heapBytes, int configured) {
    long images = heapBytes / 2 / Topics.IMAGE_MAX_MESSAGE_BYTES - Topics.DEFAULT_PARTITIONS - 2;
    return (int) Math.max(1, Math.min(configured, images));
  }

  /**
   * The busy sinks get several consumers of the same group: while one waits for its store,
   * another decodes; Kafka spreads the partitions over them.
   */
  int consumers(Intake intake) {
    return intake == Intake.BUSY ? cfg.consumers : 1;
  }

  SinkRunner.Options options(SinkModule<?> m) {
    boolean large = m.intake() == Intake.LARGE;
    return new SinkRunner.Options(m.name(), m.topic().name(), batchSize(m.intake()),
        large ? (long) imageBatch * Topics.IMAGE_MAX_MESSAGE_BYTES : 32L << 20, cfg.linger, cfg.backoffInitial, cfg.backoffMax,
        Duration.ofSeconds(20));
  }

  /** The properties of consumer {@code index} of a sink. */
  Properties consumer(SinkName sink, Intake intake, int index) {
    boolean large = intake == Intake.LARGE;
    int maxRecordBytes = large ? Topics.IMAGE_MAX_MESSAGE_BYTES : SMALL_RECORD_BYTES;
    Properties p = cfg.kafka.clientProperties(clientId(sink.wire()) + "-" + index);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, cfg.groupId(sink));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // images: one a poll, since the polled records are held next to the batch (see imageBatch)
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, large ? "1" : Integer.toString(Math.min(batchSize(intake), 2000)));
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(maxRecordBytes));
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(large ? maxRecordBytes
        : sink == SinkName.READINGS ? READINGS_FETCH_BYTES : 8 << 20));
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, large ? "1" : "65536");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    // a killed worker's partitions move to the others after 10 s, not the default 45 s
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");
    return p;
  }

  /** A client id that tells processes apart in the broker's logs: prefix, role, pid. */
  String clientId(String role) {
    return cfg.groupPrefix + "-" + role + "-" + ManagementFactory.getRuntimeMXBean().getPid();
  }

  private int batchSize(Intake intake) {
    return intake == Intake.LARGE ? imageBatch : cfg.batchSize;
  }
}
