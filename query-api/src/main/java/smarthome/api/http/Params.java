package smarthome.api.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import smarthome.api.errors.ApiException;
import smarthome.common.devices.DeviceIds;
import smarthome.common.devices.DeviceType;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;

/**
 * Request parameters, checked before any store is touched: what cannot be parsed is a 400, what
 * parses but is not acceptable (reversed range, out of bounds) is a 422.
 */
public final class Params {
  /** InfluxDB's nanosecond timestamps end in 2262; we keep a margin. */
  static final Instant LATEST = Instant.parse("2262-01-01T00:00:00Z");
  static final Instant EARLIEST = Instant.EPOCH;

  private Params() {}

  public record Range(Instant start, Instant end) {
    public Duration length() {
      return Duration.between(start, end);
    }
  }

  public static String deviceId(String raw) {
    if (!DeviceIds.isValid(raw)) {
      throw ApiException.badRequest("device_id " + Text.quote(raw) + " is invalid: " + DeviceIds.RULE);
    }
    return raw;
  }

  public static UUID uuid(String name, String raw) {
    try {
      if (raw != null && raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw ApiException.badRequest(name + " " + Text.quote(raw) + " is not a UUID");
  }

  /** A time in any form {@link TimeParam} reads (400 otherwise); null when absent. */
  public static Instant time(String name, String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    Instant t = TimeParam.parse(name, raw);
    if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
      throw ApiException.unprocessable(name + " must be between 1970-01-01 and 2262-01-01");
    }
    return t;
  }

  /** start_time/end_time with a default window ending now; a reversed or empty range is a 422. */
  public static Range range(String startRaw, String endRaw, Duration defaultWindow, Clock clock) {
    Instant end = time("end_time", endRaw);
    Instant start = time("start_time", startRaw);
    if (end == null) {
      end = start != null && start.isAfter(clock.instant()) ? start.plus(defaultWindow) : clock.instant();
    }
    if (start == null) {
      start = end.minus(defaultWindow);
    }
    if (!start.isBefore(end)) {
      throw ApiException.unprocessable("start_time " + Timestamps.format(start)
          + " must be before end_time " + Timestamps.format(end));
    }
    return new Range(start, end);
  }

  /** A page size: absent = the default, not a number = 400, outside 1..max = 422. */
  public static int limit(String raw, int defaultSize, int max) {
    return wholeNumber("limit", raw, defaultSize, max);
  }

  /** A count: absent = the default, not a whole number = 400, outside 1..max = 422. */
  public static int wholeNumber(String name, String raw, int defaultValue, int max) {
    if (raw == null || raw.isEmpty()) {
      return defaultValue;
    }
    int n;
    try {
      n = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " " + Text.quote(raw) + " is not a whole number");
    }
    if (n < 1 || n > max) {
      throw ApiException.unprocessable(name + " must be 1-" + max + ", got " + n);
    }
    return n;
  }

  /** A device_type filter: null when absent, a 422 for a type that does not exist. */
  public static String deviceType(String raw) {
    if (raw != null && DeviceType.fromWire(raw).isEmpty()) {
      throw ApiException.unprocessable("device_type " + Text.quote(raw)
          + " is not one of thermostat, camera, motion_sensor, door_lock, smart_plug");
    }
    return raw;
  }

  /** A status filter: null when absent, a 422 for a value not in {@code allowed}. */
  public static String status(String raw, List<String> allowed) {
    if (raw != null && !allowed.contains(raw)) {
      throw ApiException.unprocessable("status " + Text.quote(raw) + " is not one of " + String.join(", ", allowed));
    }
    return raw;
  }

  /** A short free-text filter value (location): 1-64 characters, no control characters. */
  public static String text(String name, String raw) {
    if (raw == null) {
      return null;
    }
    if (raw.isEmpty() || raw.length() > 64 || Text.hasForbiddenControl(raw, false)) {
      throw ApiException.badRequest(name + " " + Text.quote(raw)
          + " must be 1-64 characters without control characters");
    }
    return raw;
  }
}
