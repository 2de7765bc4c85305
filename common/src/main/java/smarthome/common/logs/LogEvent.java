package smarthome.common.logs;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import smarthome.common.devices.DeviceIds;

/** One device log line: the value of the logs topic and a row of system_logs (log_id = event_id). */
public record LogEvent(UUID eventId, String deviceId, Instant timestamp, LogLevel level,
    String eventType, String message) {

  public LogEvent {
    Objects.requireNonNull(eventId, "event_id");
    DeviceIds.check(deviceId);
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(eventType, "event_type");
    Objects.requireNonNull(message, "message");
  }
}
