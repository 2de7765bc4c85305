package smarthome.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import smarthome.common.kafka.TopicAdmin;
import smarthome.common.kafka.TopicSpec;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Repo;
import smarthome.testkit.StackSettings;

/**
 * producer: the simulator publishing readings as fast as it can (its own process), against
 * Kafka's ProducerPerformance with the same record count, average record size and producer
 * settings, on a topic of its own.
 */
public final class ProducerBench {
  static final TopicSpec<byte[]> PERF = new TopicSpec<>("smarthome.bench-perf", byte[].class,
      Map.of("retention.ms", Long.toString(Duration.ofHours(1).toMillis())));
  private static final Pattern OURS = Pattern.compile("published [0-9,]+ devices, ([0-9,]+) readings.* in ([0-9.]+) s");
  private static final Pattern THEIRS = Pattern.compile("([0-9]+) records sent, ([0-9.]+) records/sec");

  private ProducerBench() {}

  public static Result run(StackSettings stack, int seconds, int devices) throws Exception {
    // ours: the real CLI, readings only, flat out
    CpuUse.settle(Duration.ofSeconds(60));
    JavaProcess sim = Launch.java("bench-producer-simulator", stack.env(), List.of("-Xmx512m", "-jar",
        Repo.jar("producer", "producer-all.jar").toString(), "simulate", "--devices", Integer.toString(devices),
        "--rate", "max", "--duration", seconds + "s", "--image-every", "off", "--log-every", "0",
        "--id-prefix", "pbench_", "-q"));
    if (sim.waitFor(seconds + 120L) != 0) {
      throw new IllegalStateException("the simulator failed; see " + sim.log);
    }
    Matcher m = OURS.matcher(sim.output());
    if (!m.find()) {
      throw new IllegalStateException("no summary in " + sim.log);
    }
    long readings = Long.parseLong(m.group(1).replace(",", ""));
    double oursRps = readings / Double.parseDouble(m.group(2));
    int recordSize = averageReadingSize(devices);

    // theirs: ProducerPerformance, same count, size and settings
    try (Admin admin = Admin.create(stack.kafka().clientProperties("bench-admin"))) {
      TopicAdmin.ensureTopics(admin, List.of(PERF), stack.kafka().topicPartitions(), 30_000);
    }
    Properties props = Publisher.properties(stack.kafka(), PublisherOptions.defaults("bench-perf"));
    StringBuilder producerProps = new StringBuilder();
    for (String k : props.stringPropertyNames()) {
      producerProps.append(k).append('=').append(props.getProperty(k)).append(' ');
    }
    List<String> args = new java.util.ArrayList<>(List.of("-Xmx512m", "-cp", Repo.jar("bench", "bench-all.jar").toString(),
        "org.apache.kafka.tools.ProducerPerformance", "--topic", PERF.name(), "--num-records", Long.toString(readings),
        "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props"));
    args.addAll(List.of(producerProps.toString().trim().split(" ")));
    CpuUse.settle(Duration.ofSeconds(60));
    JavaProcess perf = Launch.java("bench-producer-perf", stack.env(), args);
    if (perf.waitFor(600) != 0) {
      throw new IllegalStateException("ProducerPerformance failed; see " + perf.log);
    }
    Matcher t = THEIRS.matcher(perf.output());
    double perfRps = 0;
    while (t.find()) {
      perfRps = Double.parseDouble(t.group(2)); // the last line is the total
    }
    return new Result("producer")
        .put("ratio", oursRps / perfRps)
        .put("simulator_rps", oursRps)
        .put("producer_performance_rps", perfRps)
        .detail("records", readings)
        .detail("record_bytes", recordSize)
        .detail("settings", "acks=all enable.idempotence=true compression.type=lz4 linger.ms=10 batch.size=65536");
  }

  /** The mean size of an encoded reading of the simulated fleet. */
  static int averageReadingSize(int devices) {
    long bytes = 0;
    int[] count = {0};
    long[] sum = {0};
    ReadingCodec codec = new ReadingCodec();
    IngestBench.backfill("pbench_", Math.min(devices, 1000), 10, Instant.now().minusSeconds(60),
        new IngestBench.OnlyReadings((Reading r) -> {
          sum[0] += codec.encode(r).length;
          count[0]++;
        }));
    bytes = sum[0];
    return (int) Math.round((double) bytes / Math.max(1, count[0]));
  }
}
