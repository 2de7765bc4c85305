package smarthome.ingest.app;

import java.time.Clock;
import smarthome.common.devices.Device;
import smarthome.common.devices.DeviceCodec;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.Images;
import smarthome.common.logs.LogCodec;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;
import smarthome.ingest.images.ImageEvent;
import smarthome.ingest.pipeline.Change;
import smarthome.ingest.pipeline.Decoded;
import smarthome.ingest.pipeline.Decoder;
import smarthome.ingest.pipeline.RecordChecks;

/**
 * The decoder of each topic: the contract's validation plus the key rule (the record key is the
 * event's device_id, or per-device ordering would not hold).
 */
public final class Decoders {
  private Decoders() {}

  public static Decoder<Reading> readings(Clock clock) {
    ReadingCodec codec = new ReadingCodec(clock);
    return r -> {
      Reading e = codec.decode(RecordChecks.value(r));
      return new Decoded<>(e, RecordChecks.key(r, e.deviceId()), e.timestamp());
    };
  }

  public static Decoder<LogEvent> logs(Clock clock) {
    LogCodec codec = new LogCodec(clock);
    return r -> {
      LogEvent e = codec.decode(RecordChecks.value(r));
      return new Decoded<>(e, RecordChecks.key(r, e.deviceId()), e.timestamp());
    };
  }

  public static Decoder<Change<Device>> devices(Clock clock) {
    DeviceCodec codec = new DeviceCodec(clock);
    return Change.decoder(codec::decode, Device::deviceId, Device::updatedAt);
  }

  public static Decoder<ImageEvent> images(Clock clock) {
    return r -> {
      ImageMeta m = Images.decode(r.headers(), RecordChecks.value(r), clock);
      return new Decoded<>(new ImageEvent(m, r.value()), RecordChecks.key(r, m.deviceId()), m.capturedAt());
    };
  }

  public static Decoder<Change<DeviceStatus>> states() {
    return Change.decoder(DeviceStatusJson::parse, DeviceStatus::deviceId, DeviceStatus::lastSeen);
  }
}
