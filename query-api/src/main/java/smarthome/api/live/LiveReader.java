package smarthome.api.live;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.api.ApiConfig;
import smarthome.common.kafka.Topics;
import smarthome.common.readings.ReadingCodec;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;

/**
 * The one Kafka reader of an API instance for the live streams. It joins no consumer group: it
 * assigns itself only the partitions that hold watched devices (a key's partition is computed as
 * the producer computes it), starts each at its end, and holds no partition when nobody listens,
 * so its cost follows the watchers, not the ingest rate. Records that fail the topic's codec are
 * skipped (the worker dead-letters them).
 */
@Context
public class LiveReader {
  private static final Logger LOG = LoggerFactory.getLogger(LiveReader.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final String READINGS = Topics.READINGS.name();
  private static final String STATE = Topics.DEVICE_STATE.name();

  private final LiveHub hub;
  private final DeviceLocations locations;
  private final Properties props;
  private final ReadingCodec readings = Topics.readingCodec();
  private final Thread thread;
  private volatile boolean running = true;
  private volatile KafkaConsumer<String, byte[]> consumer;

  public LiveReader(LiveHub hub, DeviceLocations locations, ApiConfig config) {
    this.hub = hub;
    this.locations = locations;
    this.props = config.kafka.clientProperties("smarthome-api-live");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    this.thread = new Thread(this::run, "live-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (running) {
      try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(props, new StringDeserializer(),
          new ByteArrayDeserializer())) {
        consumer = c;
        loop(c);
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        LOG.warn("live reader: {}; retrying in 5 s", e.toString());
        sleep(5000);
      }
    }
  }

  private void loop(KafkaConsumer<String, byte[]> c) throws WakeupException {
    Map<String, Integer> partitions = new HashMap<>();
    Set<TopicPartition> assigned = new HashSet<>();
    long applied = -1;
    while (running) {
      LiveHub.Watched w = hub.watched();
      if (w.version() != applied) {
        Set<TopicPartition> want = partitionsOf(w, c, partitions);
        if (!want.equals(assigned)) {
          Set<TopicPartition> added = new HashSet<>(want);
          added.removeAll(assigned);
          c.assign(want);
          c.seekToEnd(added);
          added.forEach(c::position); // resolve "the end" now, so "ready" means what it says
          assigned = want;
        }
        applied = w.version();
        hub.positioned(applied);
      }
      if (assigned.isEmpty()) {
        try {
          hub.awaitChange(applied, 1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        continue;
      }
      for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
        LiveEvent.Builder e = decode(r);
        if (e != null) {
          hub.publish(e, locations::of);
        }
      }
    }
  }

  private static Set<TopicPartition> partitionsOf(LiveHub.Watched w, KafkaConsumer<String, byte[]> c,
      Map<String, Integer> counts) {
    Set<TopicPartition> out = new HashSet<>();
    for (LiveFilter f : w.filters()) {
      if (f.oneDevice()) {
        byte[] key = f.deviceId().getBytes(StandardCharsets.UTF_8);
        out.add(new TopicPartition(READINGS, BuiltInPartitioner.partitionForKey(key, count(c, counts, READINGS))));
        out.add(new TopicPartition(STATE, BuiltInPartitioner.partitionForKey(key, count(c, counts, STATE))));
      } else {
        for (int p = 0; p < count(c, counts, STATE); p++) {
          out.add(new TopicPartition(STATE, p));
        }
      }
    }
    return out;
  }

  private static int count(KafkaConsumer<String, byte[]> c, Map<String, Integer> counts, String topic) {
    return counts.computeIfAbsent(topic, t -> c.partitionsFor(t).size());
  }

  /** The event of a record, or null for one that is not valid by the topic's contract. */
  private LiveEvent.Builder decode(ConsumerRecord<String, byte[]> r) {
    try {
      if (r.topic().equals(READINGS)) {
        var reading = readings.decode(r.value());
        return new LiveEvent.Builder(LiveEvent.READING, reading.deviceId(), reading.deviceType().wire(), null,
            new String(readings.encode(reading), StandardCharsets.UTF_8));
      }
      if (r.value() == null) {
        return new LiveEvent.Builder(LiveEvent.DELETED, r.key(), null, null,
            "{\"device_id\":\"" + r.key() + "\"}");
      }
      DeviceStatus s = DeviceStatusJson.parse(r.value());
      return new LiveEvent.Builder(LiveEvent.STATE, s.deviceId(), s.deviceType(), s.status(),
          new String(DeviceStatusJson.write(s), StandardCharsets.UTF_8));
    } catch (Exception e) {
      return null; // the worker dead-letters what does not decode; a live stream just skips it
    }
  }

  private void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @PreDestroy
  void close() throws InterruptedException {
    running = false;
    KafkaConsumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    thread.join(5000);
  }
}
