package smarthome.bench.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import smarthome.common.kafka.Topics;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;

/**
 * The scenarios of bin/stack's three-node Kafka (SMARTHOME_KAFKA_NODES=3): brokers killed and
 * restarted under traffic, each counted exactly. Acknowledged sends are looked up one by one in
 * InfluxDB (lost = acknowledged - stored); duplicates are counted where InfluxDB cannot show them,
 * in the topic itself (records repeating an event id), since a point written twice is one point.
 */
final class ClusterScenarios {
  private final Harness h;
  private final Scenarios s;
  private final Brokers brokers;
  private final boolean quick;
  private static final String READINGS = Topics.READINGS.name();

  ClusterScenarios(Harness h, Scenarios s, Brokers brokers, boolean quick) {
    this.h = h;
    this.s = s;
    this.brokers = brokers;
    this.quick = quick;
  }

  /**
   * a. kill -9 of the node leading most readings partitions mid-traffic; back after 20 s. With
   * --quick the node stays dead and the count is made on the two others: its restart (a JVM start,
   * half a minute on a loaded machine) would cost CI more than it shows.
   */
  Outcome leaderKill() throws Exception {
    int seconds = quick ? 10 : 20;
    try (Harness.Worker w = h.worker("readings", "faults")) {
      AckedTraffic t = new AckedTraffic(h, Harness.prefix("lead"), "faults-leader");
      String what;
      double recover;
      try (t) {
        Thread.sleep(quick ? 3000 : 5000); // traffic flows before the fault
        int node = brokers.leaderOfMost(READINGS);
        int led = brokers.partitionsLedBy(READINGS, node);
        long before = t.acked.size();
        long killed = System.nanoTime();
        brokers.kill9(node);
        // acks=all waits for every replica in the ISR, and the dead node is in every ISR until
        // the controller fences it: all writes stall for about broker.session.timeout.ms
        double stall = Harness.until(Duration.ofSeconds(60), () -> t.acked.size() > before + 100);
        Thread.sleep(Math.max(0, seconds * 1000L - (System.nanoTime() - killed) / 1_000_000));
        what = "kafka-" + node + " (leader of " + led + "/6) killed -9, writes stalled "
            + (stall < 0 ? "the whole outage" : String.format(java.util.Locale.ROOT, "%.1f s", stall))
            + ", " + (t.acked.size() - before) + " acknowledged while it was down";
        recover = quick ? stall : brokers.startAndResync("kafka-" + node);
        Thread.sleep(2000);
      }
      return finish("leader kill -9" + (quick ? ", " + seconds + " s, not restarted" : ", back after "
          + seconds + " s"), t, w, recover, what);
    }
  }

  /** b. Each node in turn stopped (SIGTERM) and started, the next once all replicas are in sync. */
  Outcome rollingRestart() throws Exception {
    try (Harness.Worker w = h.worker("readings", "faults")) {
      AckedTraffic t = new AckedTraffic(h, Harness.prefix("roll"), "faults-rolling");
      double slowest = 0;
      try (t) {
        Thread.sleep(5000);
        for (int node = 1; node <= 3 && slowest >= 0; node++) {
          brokers.stop(node);
          Thread.sleep(5000);
          double back = brokers.startAndResync("kafka-" + node);
          slowest = back < 0 ? -1 : Math.max(slowest, back);
        }
        Thread.sleep(2000);
      }
      return finish("rolling restart of 3 brokers", t, w, slowest,
          "each node stopped (SIGTERM) for 5 s, the next once all replicas were in sync");
    }
  }

  /** c. Two of three nodes killed for 20 s: the quorum is gone, writes wait, nothing is lost. */
  Outcome twoDown() throws Exception {
    try (Harness.Worker w = h.worker("readings", "faults")) {
      AckedTraffic t = new AckedTraffic(h, Harness.prefix("two"), "faults-two-down");
      String what;
      double recover;
      try (t) {
        Thread.sleep(5000);
        long before = t.acked.size();
        brokers.kill9(2);
        brokers.kill9(3);
        Thread.sleep(20_000);
        what = "kafka-2 and kafka-3 killed -9 for 20 s: " + (t.acked.size() - before)
            + " acknowledged meanwhile, " + t.failed.get() + " refused";
        recover = brokers.startAndResync("kafka");
        Thread.sleep(2000);
      }
      return finish("2 of 3 brokers down 20 s", t, w, recover, what);
    }
  }

  /** d. The state processor (exactly-once) across a leader kill: each device's count is exact. */
  Outcome streamsAcrossKill() throws Exception {
    try (Harness.Worker w = h.worker("state", "faults")) {
      AckedTraffic t = new AckedTraffic(h, Harness.prefix("state"), "faults-state");
      double recover;
      int node;
      try (t) {
        Thread.sleep(8000); // the processor has its partitions and publishes
        node = brokers.leaderOfMost(READINGS);
        brokers.kill9(node);
        Thread.sleep(quick ? 10_000 : 20_000);
        recover = brokers.startAndResync("kafka-" + node);
        Thread.sleep(2000);
      }
      Brokers.LogCount log = brokers.readingsLog(t.prefix);
      Map<String, DeviceStatus> state = new HashMap<>();
      Harness.until(Duration.ofSeconds(90), () -> matches(state, log));
      long counted = state.values().stream().mapToLong(DeviceStatus::readingsLastHour).sum();
      long ackedInLog = t.acked.stream().filter(log.points()::contains).count();
      long lost = t.acked.size() - ackedInLog + Math.max(0, log.records() - counted);
      long dup = log.duplicates() + Math.max(0, counted - log.records());
      boolean alive = w.proc().alive();
      boolean ok = lost == 0 && dup == 0 && matches(state, log) && recover >= 0 && alive;
      return new Outcome("state processor across leader kill", t.sent.get(), t.acked.size(), counted, lost, dup,
          recover, ok, "kafka-" + node + " killed -9; " + state.size() + " devices, readings_last_hour and "
          + "last_seen " + (matches(state, log) ? "equal" : "DIFFER from") + " the " + log.records()
          + " records in the log" + (alive ? "" : "; worker EXITED"));
    }
  }

  /** Reads the latest state of each device of the log; true when every count and last_seen agree. */
  private boolean matches(Map<String, DeviceStatus> state, Brokers.LogCount log) throws Exception {
    state.clear();
    var props = h.stack.kafka().clientProperties("faults-state-reader");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    try (var c = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(Topics.DEVICE_STATE.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(p -> c.position(p) < end.get(p))) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
          if (r.value() != null && log.perKey().containsKey(r.key())) {
            state.put(r.key(), DeviceStatusJson.parse(r.value()));
          }
        }
      }
    }
    return state.size() == log.perKey().size() && log.perKey().entrySet().stream().allMatch(e -> {
      DeviceStatus d = state.get(e.getKey());
      return d.readingsLastHour() == e.getValue()
          && d.lastSeen().toEpochMilli() == log.lastMillis().get(e.getKey());
    });
  }

  private Outcome finish(String name, AckedTraffic t, Harness.Worker w, double recover, String what)
      throws Exception {
    Harness.until(Duration.ofSeconds(120), () -> s.points(t.prefix) >= t.acked.size());
    Harness.graceForLateWrites(Duration.ofSeconds(2));
    long storedOfAcked = s.storedAmong(t.prefix, t.acked);
    long stored = s.points(t.prefix);
    Brokers.LogCount log = brokers.readingsLog(t.prefix);
    boolean alive = w.proc().alive();
    long lost = t.acked.size() - storedOfAcked;
    boolean ok = lost == 0 && log.duplicates() == 0 && recover >= 0 && alive;
    return new Outcome(name, t.sent.get(), t.acked.size(), storedOfAcked, lost, log.duplicates(), recover, ok,
        what + "; " + t.failed.get() + " failed to the client, " + stored + " stored in all, "
            + log.records() + " in the log" + (alive ? "" : "; worker EXITED")
            + (t.failed.get() > 0 ? "; first error: " + t.firstFailure() : ""));
  }
}
