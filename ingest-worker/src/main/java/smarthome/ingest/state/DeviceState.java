package smarthome.ingest.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import smarthome.common.state.DeviceStatus;

/**
 * The live state of one device, as the state processor keeps it in its store and publishes it to
 * smarthome.device-state. Mutable on purpose: the processor updates it in place per reading.
 */
public final class DeviceState {
  /** The latest value of one field and the time the device measured it. */
  public record Latest(Object value, long timestampMs) {}

  static final int BUCKETS = 60; // one per minute: the last hour

  String deviceId;
  String deviceType;
  long lastSeenMs;
  long usualIntervalMs;
  Map<String, Latest> latest = new LinkedHashMap<>();
  /** Readings per minute of event time, bucket i = minute (bucketBase + i). */
  long[] minuteCounts = new long[BUCKETS];
  long bucketBase;
  /** What was last published: the punctuator republishes when status or the count changed. */
  String publishedStatus;
  long publishedLastHour = -1;
  boolean dirty;
  long updatedAtMs;
  /** When set, the device was deleted at this time: older readings are its old life. */
  long deletedAtMs;

  public static DeviceState deleted(String id, long atMs) {
    DeviceState s = new DeviceState();
    s.deviceId = id;
    s.deletedAtMs = atMs;
    return s;
  }

  boolean isDeletedMarker() {
    return deviceType == null && deletedAtMs > 0;
  }

  /** Counts a reading of event time {@code t} if it falls in the hour before {@code nowMs}. */
  void count(long t, long nowMs) {
    long nowMinute = nowMs / 60_000;
    slide(nowMinute);
    long minute = t / 60_000;
    if (minute > nowMinute - BUCKETS && minute <= nowMinute) {
      minuteCounts[(int) Math.floorMod(minute, (long) BUCKETS)]++;
    }
  }

  /** Readings stamped in the last hour before {@code nowMs}. */
  long lastHour(long nowMs) {
    slide(nowMs / 60_000);
    long sum = 0;
    for (long c : minuteCounts) {
      sum += c;
    }
    return sum;
  }

  /** Forgets the minutes that left the window since the last call. */
  private void slide(long nowMinute) {
    long oldest = nowMinute - BUCKETS + 1;
    if (bucketBase == 0 || oldest - bucketBase >= BUCKETS) {
      java.util.Arrays.fill(minuteCounts, 0);
    } else {
      for (long m = bucketBase; m < oldest; m++) {
        minuteCounts[(int) Math.floorMod(m, (long) BUCKETS)] = 0;
      }
    }
    bucketBase = Math.max(bucketBase, oldest);
  }

  /** online when something arrived within the timeout, by the wall clock. */
  String status(long nowMs, long timeoutMs) {
    return nowMs - lastSeenMs <= timeoutMs ? "online" : "offline";
  }

  /** The published form: what the topic, the device_state table and the API carry. */
  DeviceStatus toStatus(String status, long readingsLastHour) {
    Map<String, DeviceStatus.Latest> values = new LinkedHashMap<>();
    latest.forEach((field, l) -> values.put(field, new DeviceStatus.Latest(
        l.value() instanceof Boolean b ? b : (Object) ((Number) l.value()).doubleValue(),
        Instant.ofEpochMilli(l.timestampMs()))));
    return new DeviceStatus(deviceId, deviceType, status, Instant.ofEpochMilli(lastSeenMs),
        readingsLastHour, usualIntervalMs, values, Instant.ofEpochMilli(updatedAtMs));
  }

  public String deviceId() {
    return deviceId;
  }

  public String deviceType() {
    return deviceType;
  }

  public Instant lastSeen() {
    return Instant.ofEpochMilli(lastSeenMs);
  }

  public Map<String, Latest> latest() {
    return latest;
  }

  public long usualIntervalMs() {
    return usualIntervalMs;
  }
}
