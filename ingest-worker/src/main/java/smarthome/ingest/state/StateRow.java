package smarthome.ingest.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import smarthome.common.devices.DeviceIds;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.Timestamps;

/** One record of smarthome.device-state as the device_state table stores it; null state = deleted. */
public record StateRow(String deviceId, String deviceType, String status, Instant lastSeen,
    long readingsLastHour, long usualIntervalMs, String latestJson, Instant updatedAt) {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  public boolean isTombstone() {
    return deviceType == null;
  }

  public static StateRow tombstone(String deviceId, Instant at) {
    return new StateRow(deviceId, null, null, null, 0, 0, null, at);
  }

  public static StateRow parse(byte[] json) throws InvalidEventException {
    try {
      JsonNode n = MAPPER.readTree(json);
      return new StateRow(DeviceIds.require(n.get("device_id").asText()), n.get("device_type").asText(),
          n.get("status").asText(), Timestamps.parse(n.get("last_seen").asText()),
          n.get("readings_last_hour").asLong(), n.get("usual_interval_ms").asLong(),
          n.get("latest").toString(), Timestamps.parse(n.get("updated_at").asText()));
    } catch (Exception e) {
      throw new InvalidEventException("not a device state: " + e.getMessage());
    }
  }
}
