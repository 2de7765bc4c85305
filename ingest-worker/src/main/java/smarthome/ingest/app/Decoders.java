package smarthome.ingest.app;

import java.time.Clock;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import smarthome.common.devices.DeviceCodec;
import smarthome.common.devices.DeviceIds;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.Images;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.Text;
import smarthome.common.logs.LogCodec;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;
import smarthome.ingest.devices.DeviceChange;
import smarthome.ingest.images.ImageEvent;
import smarthome.ingest.pipeline.Decoded;
import smarthome.ingest.pipeline.Decoder;

/**
 * The decoder of each topic: the contract's validation plus the key rule (the record key is the
 * event's device_id, or per-device ordering would not hold).
 */
public final class Decoders {
  private Decoders() {}

  public static Decoder<Reading> readings(Clock clock) {
    ReadingCodec codec = new ReadingCodec(clock);
    return r -> {
      Reading e = codec.decode(value(r));
      return new Decoded<>(e, key(r, e.deviceId()), e.timestamp());
    };
  }

  public static Decoder<LogEvent> logs(Clock clock) {
    LogCodec codec = new LogCodec(clock);
    return r -> {
      LogEvent e = codec.decode(value(r));
      return new Decoded<>(e, key(r, e.deviceId()), e.timestamp());
    };
  }

  public static Decoder<DeviceChange> devices(Clock clock) {
    DeviceCodec codec = new DeviceCodec(clock);
    return r -> {
      if (r.value() == null) {
        String id = DeviceIds.require(r.key());
        Instant at = Instant.ofEpochMilli(r.timestamp());
        return new Decoded<>(DeviceChange.tombstone(id, at), id, at);
      }
      var d = codec.decode(r.value());
      return new Decoded<>(DeviceChange.upsert(d), key(r, d.deviceId()), d.updatedAt());
    };
  }

  public static Decoder<ImageEvent> images(Clock clock) {
    return r -> {
      ImageMeta m = Images.decode(r.headers(), value(r), clock);
      return new Decoded<>(new ImageEvent(m, r.value()), key(r, m.deviceId()), m.capturedAt());
    };
  }

  public static Decoder<smarthome.ingest.state.StateRow> states() {
    return r -> {
      if (r.value() == null) {
        String id = DeviceIds.require(r.key());
        Instant at = Instant.ofEpochMilli(r.timestamp());
        return new Decoded<>(smarthome.ingest.state.StateRow.tombstone(id, at), id, at);
      }
      var s = smarthome.ingest.state.StateRow.parse(r.value());
      return new Decoded<>(s, key(r, s.deviceId()), s.lastSeen());
    };
  }

  private static byte[] value(ConsumerRecord<String, byte[]> r) throws InvalidEventException {
    if (r.value() == null) {
      throw new InvalidEventException("record has no value");
    }
    return r.value();
  }

  private static String key(ConsumerRecord<String, byte[]> r, String deviceId)
      throws InvalidEventException {
    if (!deviceId.equals(r.key())) {
      throw new InvalidEventException("record key " + Text.quote(r.key())
          + " is not the event's device_id " + Text.quote(deviceId));
    }
    return deviceId;
  }
}
