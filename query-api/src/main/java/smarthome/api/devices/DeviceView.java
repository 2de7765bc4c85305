package smarthome.api.devices;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** A device as the API shows it (times as UTC ISO-8601 with milliseconds). */
@Serdeable
public record DeviceView(String deviceId, String deviceType, String location, String manufacturer,
    String model, String firmwareVersion, @Nullable String lastMaintenance, String createdAt,
    String updatedAt) {}
