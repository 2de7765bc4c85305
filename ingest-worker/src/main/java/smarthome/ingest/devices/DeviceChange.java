package smarthome.ingest.devices;

import java.time.Instant;
import smarthome.common.devices.Device;

/**
 * A record of the compacted devices topic: new metadata, or a tombstone (null value) that
 * forgets the device as of the record's timestamp.
 */
public record DeviceChange(String deviceId, Device device, Instant at) {
  public static DeviceChange upsert(Device d) {
    return new DeviceChange(d.deviceId(), d, d.updatedAt());
  }

  public static DeviceChange tombstone(String deviceId, Instant at) {
    return new DeviceChange(deviceId, null, at);
  }

  public boolean isTombstone() {
    return device == null;
  }
}
