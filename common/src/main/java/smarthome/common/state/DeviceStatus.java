package smarthome.common.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The live state of one device as the state processor publishes it on smarthome.device-state, the
 * worker stores it in device_state and the API serves it.
 *
 * @param status online or offline
 * @param readingsLastHour readings seen in the last hour
 * @param usualIntervalMs the device's usual time between readings
 * @param latest per field, the newest value and when it was measured
 */
public record DeviceStatus(String deviceId, String deviceType, String status, Instant lastSeen,
    long readingsLastHour, long usualIntervalMs, Map<String, Latest> latest, Instant updatedAt) {

  /** The newest value of one field: a {@link Double} or a {@link Boolean}. */
  public record Latest(Object value, Instant timestamp) {
    public Latest {
      if (!(value instanceof Double) && !(value instanceof Boolean)) {
        throw new IllegalArgumentException("a latest value is a Double or a Boolean, not " + value);
      }
      Objects.requireNonNull(timestamp, "timestamp");
    }
  }

  public DeviceStatus {
    Objects.requireNonNull(deviceId, "device_id");
    Objects.requireNonNull(deviceType, "device_type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(lastSeen, "last_seen");
    Objects.requireNonNull(updatedAt, "updated_at");
    latest = Map.copyOf(latest);
  }
}
