package smarthome.common.devices;

import java.time.Instant;
import java.util.Objects;

/**
 * Device metadata, the value of the compacted devices topic and a row of the devices table.
 *
 * @param lastMaintenance null when the device was never serviced
 */
public record Device(
    String deviceId,
    DeviceType deviceType,
    String location,
    String manufacturer,
    String model,
    String firmwareVersion,
    Instant lastMaintenance,
    Instant createdAt,
    Instant updatedAt) {

  public Device {
    DeviceIds.check(deviceId);
    Objects.requireNonNull(deviceType, "device_type");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(manufacturer, "manufacturer");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(firmwareVersion, "firmware_version");
    Objects.requireNonNull(createdAt, "created_at");
    Objects.requireNonNull(updatedAt, "updated_at");
  }
}
