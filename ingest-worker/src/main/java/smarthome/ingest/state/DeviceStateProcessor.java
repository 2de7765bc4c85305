package smarthome.ingest.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.json.InvalidEventException;
import smarthome.common.kafka.Topics;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;

/**
 * Keeps each device's live state: readings update last_seen and the latest value of each field
 * (a reading older than what the state holds does not roll them back), a tombstone on the devices
 * topic drops the state. A wall-clock punctuator publishes changed states, and notices devices
 * that went quiet (offline) even when nothing arrives.
 */
final class DeviceStateProcessor implements Processor<String, byte[], String, byte[]> {
  private static final Logger log = LoggerFactory.getLogger(DeviceStateProcessor.class);

  private final StateOptions o;
  private final ReadingCodec codec = new ReadingCodec();
  private ProcessorContext<String, byte[]> ctx;
  private KeyValueStore<String, DeviceState> store;
  private long skipped;

  DeviceStateProcessor(StateOptions o) {
    this.o = o;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.ctx = context;
    this.store = context.getStateStore(DeviceStateTopology.STORE);
    context.schedule(o.punctuateEvery(), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    String topic = ctx.recordMetadata().map(m -> m.topic()).orElse("");
    if (topic.equals(Topics.DEVICES.name())) {
      if (record.value() == null && record.key() != null) {
        // the device was deleted: forget it, and remember when, so in-flight readings stay dead
        store.put(record.key(), DeviceState.deleted(record.key(), record.timestamp()));
        ctx.forward(new Record<>(record.key(), (byte[]) null, record.timestamp(), new RecordHeaders()));
      }
      return;
    }
    Reading r;
    try {
      r = codec.decode(record.value());
    } catch (InvalidEventException | RuntimeException e) {
      skipped++; // the readings sink dead-letters these; here they simply carry no state
      return;
    }
    if (!r.deviceId().equals(record.key())) {
      skipped++;
      return;
    }
    long t = r.timestamp().toEpochMilli();
    long now = ctx.currentSystemTimeMs();
    DeviceState s = store.get(r.deviceId());
    if (s != null && s.isDeletedMarker()) {
      if (t <= s.deletedAtMs) {
        return; // the old life of a deleted device
      }
      s = null; // a new life
    }
    if (s == null) {
      s = new DeviceState();
      s.deviceId = r.deviceId();
    }
    s.count(t, now);
    if (t > s.lastSeenMs) {
      if (s.lastSeenMs > 0) {
        long delta = t - s.lastSeenMs;
        s.usualIntervalMs = s.usualIntervalMs == 0 ? delta : (s.usualIntervalMs * 7 + delta) / 8;
      }
      s.lastSeenMs = t;
      s.deviceType = r.deviceType().wire();
      for (Map.Entry<String, Object> v : r.values().entrySet()) {
        s.latest.put(v.getKey(), new DeviceState.Latest(v.getValue(), t));
      }
    } else if (s.deviceType == null) {
      s.deviceType = r.deviceType().wire();
    }
    s.dirty = true;
    s.updatedAtMs = Math.max(now, s.updatedAtMs + 1);
    store.put(s.deviceId, s);
  }

  /** Publishes what changed since the last punctuation: new readings, status, the hourly count. */
  void punctuate(long now) {
    List<KeyValue<String, DeviceState>> changed = new ArrayList<>();
    try (KeyValueIterator<String, DeviceState> it = store.all()) {
      while (it.hasNext()) {
        KeyValue<String, DeviceState> kv = it.next();
        DeviceState s = kv.value;
        if (s.isDeletedMarker()) {
          continue;
        }
        String status = s.status(now, o.timeoutFor(s.usualIntervalMs));
        long hour = s.lastHour(now);
        if (s.dirty || !status.equals(s.publishedStatus) || hour != s.publishedLastHour) {
          if (s.publishedStatus != null && !status.equals(s.publishedStatus)) {
            log.debug("device {} is now {}", s.deviceId, status);
          }
          if (!s.dirty) {
            s.updatedAtMs = Math.max(now, s.updatedAtMs + 1);
          }
          s.publishedStatus = status;
          s.publishedLastHour = hour;
          s.dirty = false;
          changed.add(kv);
        }
      }
    }
    for (KeyValue<String, DeviceState> kv : changed) {
      store.put(kv.key, kv.value);
      DeviceStatus published = kv.value.toStatus(kv.value.publishedStatus, kv.value.publishedLastHour);
      ctx.forward(new Record<>(kv.key, DeviceStatusJson.write(published), now, new RecordHeaders()));
    }
  }

  long skipped() {
    return skipped;
  }

  /** The state processor's knobs. */
  record StateOptions(Duration punctuateEvery, int offlineMultiple, Duration offlineMin,
      Duration defaultInterval) {
    /** Offline after this long without a reading: a multiple of the usual interval, bounded below. */
    long timeoutFor(long usualIntervalMs) {
      long interval = usualIntervalMs > 0 ? usualIntervalMs : defaultInterval.toMillis();
      return Math.max(offlineMin.toMillis(), offlineMultiple * interval);
    }
  }
}
