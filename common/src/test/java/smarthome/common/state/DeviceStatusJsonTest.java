package smarthome.common.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smarthome.common.json.InvalidEventException;

class DeviceStatusJsonTest {
  private static final Instant SEEN = Instant.parse("2026-11-26T08:00:00.123Z");
  private static final DeviceStatus STATUS = new DeviceStatus("lock_1", "door_lock", "online", SEEN,
      60, 60_000, Map.of(
          "locked", new DeviceStatus.Latest(true, SEEN),
          "battery_level", new DeviceStatus.Latest(87.5, SEEN.minusSeconds(60))),
      SEEN.plusMillis(5));

  @Test
  void writesTheDocumentedShapeWithFieldsInNameOrder() {
    assertEquals("{\"device_id\":\"lock_1\",\"device_type\":\"door_lock\",\"status\":\"online\","
        + "\"last_seen\":\"2026-11-26T08:00:00.123Z\",\"readings_last_hour\":60,"
        + "\"usual_interval_ms\":60000,\"latest\":{"
        + "\"battery_level\":{\"value\":87.5,\"timestamp\":\"2026-11-26T07:59:00.123Z\"},"
        + "\"locked\":{\"value\":true,\"timestamp\":\"2026-11-26T08:00:00.123Z\"}},"
        + "\"updated_at\":\"2026-11-26T08:00:00.128Z\"}",
        new String(DeviceStatusJson.write(STATUS), StandardCharsets.UTF_8));
  }

  @Test
  void parsesWhatItWrites() throws Exception {
    assertEquals(STATUS, DeviceStatusJson.parse(DeviceStatusJson.write(STATUS)));
  }

  @Test
  void latestColumnRoundTrips() throws Exception {
    assertEquals(STATUS.latest(), DeviceStatusJson.parseLatest(DeviceStatusJson.writeLatest(STATUS.latest())));
  }

  @Test
  void refusesAStateWithoutItsDeviceId() {
    byte[] json = "{\"device_type\":\"door_lock\",\"status\":\"online\"}".getBytes(StandardCharsets.UTF_8);
    var e = assertThrows(InvalidEventException.class, () -> DeviceStatusJson.parse(json));
    assertEquals("not a device state: missing device_id", e.getMessage());
  }

  @Test
  void refusesALatestValueThatIsText() {
    var e = assertThrows(InvalidEventException.class, () -> DeviceStatusJson.parseLatest(
        "{\"locked\":{\"value\":\"yes\",\"timestamp\":\"2026-11-26T08:00:00Z\"}}"));
    assertEquals("not a latest-values object: the value of locked is not a number or a boolean",
        e.getMessage());
  }

  @Test
  void refusesAnInvalidDeviceId() {
    String json = new String(DeviceStatusJson.write(STATUS), StandardCharsets.UTF_8)
        .replace("lock_1", "lock 1");
    assertThrows(InvalidEventException.class,
        () -> DeviceStatusJson.parse(json.getBytes(StandardCharsets.UTF_8)));
  }
}
