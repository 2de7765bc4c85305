package smarthome.api.devices;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * A device as the API shows it (times as UTC ISO-8601 with milliseconds), with its live state
 * from the state processor: status online/offline (unknown before its first reading), last_seen,
 * and the latest value of each field with the time it was measured. A field without a value is
 * sent as null, not left out, as the seed service does.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeviceView(String deviceId, String deviceType, String location, String manufacturer,
    String model, String firmwareVersion, @Nullable String lastMaintenance, String createdAt,
    String updatedAt, String status, @Nullable String lastSeen, @Nullable Integer readingsLastHour,
    Map<String, Latest> latest) {

  /** The latest value of one field; value is a number or a boolean. */
  @Serdeable
  public record Latest(Object value, String timestamp) {}
}
