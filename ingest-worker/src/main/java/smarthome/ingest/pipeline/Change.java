package smarthome.ingest.pipeline;

import java.time.Instant;
import java.util.function.Function;
import smarthome.common.devices.DeviceIds;
import smarthome.common.json.InvalidEventException;

/**
 * A record of a compacted topic keyed by device id (devices, device-state): the device's new
 * value, or a tombstone (null value) that forgets the device as of the record's timestamp.
 */
public record Change<T>(String deviceId, T value, Instant at) {
  /** Turns a record's value into the topic's value type. */
  @FunctionalInterface
  public interface Parser<T> {
    T parse(byte[] value) throws InvalidEventException;
  }

  public static <T> Change<T> tombstone(String deviceId, Instant at) {
    return new Change<>(deviceId, null, at);
  }

  public boolean isTombstone() {
    return value == null;
  }

  /**
   * The decoder of such a topic.
   *
   * @param deviceId the device a value belongs to (it must be the record's key)
   * @param at the time a value is stamped with, for the deletion watermark
   */
  public static <T> Decoder<Change<T>> decoder(Parser<T> parse, Function<T, String> deviceId,
      Function<T, Instant> at) {
    return r -> {
      if (r.value() == null) {
        String id = DeviceIds.require(r.key());
        Instant t = Instant.ofEpochMilli(r.timestamp());
        return new Decoded<>(tombstone(id, t), id, t);
      }
      T v = parse.parse(r.value());
      Instant t = at.apply(v);
      return new Decoded<>(new Change<>(deviceId.apply(v), v, t),
          RecordChecks.key(r, deviceId.apply(v)), t);
    };
  }
}
