package smarthome.common.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import smarthome.common.json.InvalidEventException;

class DeviceCodecTest {
  final DeviceCodec codec = new DeviceCodec(
      Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));

  static final String GOOD = "{\"device_id\":\"lock-7\",\"device_type\":\"door_lock\","
      + "\"location\":\"front_door\",\"manufacturer\":\"Yale\",\"model\":\"Assure 2\","
      + "\"firmware_version\":\"1.4.2\",\"last_maintenance\":null,"
      + "\"created_at\":\"2026-01-01T00:00:00.000Z\",\"updated_at\":\"2026-05-01T00:00:00.000Z\"}";

  @Test
  void decodesWithNullLastMaintenanceAndRoundTrips() throws Exception {
    Device d = codec.decode(GOOD.getBytes(StandardCharsets.UTF_8));
    assertNull(d.lastMaintenance());
    assertEquals(DeviceType.DOOR_LOCK, d.deviceType());
    assertEquals(d, codec.decode(codec.encode(d)));
    assertEquals(GOOD, new String(codec.encode(d), StandardCharsets.UTF_8));
  }

  private String reason(String json) {
    return assertThrows(InvalidEventException.class,
        () -> codec.decode(json.getBytes(StandardCharsets.UTF_8))).getMessage();
  }

  @Test
  void refusesUpdatedBeforeCreated() {
    assertEquals("updated_at is before created_at",
        reason(GOOD.replace("2026-05-01T00:00:00.000Z", "2025-05-01T00:00:00.000Z")));
  }

  @Test
  void refusesControlCharactersInLocation() {
    assertTrue(reason(GOOD.replace("front_door", "front\\tdoor")).contains("location"));
  }

  @Test
  void refusesAnEmptyModel() {
    assertTrue(reason(GOOD.replace("Assure 2", "")).contains("model must be 1-128 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-lead", ".dot", "a b", "a/b", "a\\\\b", "x'y", "a\\\"b", "é", "a;drop",
      "a\\nb", "a*", "a%2F"})
  void refusesInvalidDeviceIds(String id) {
    assertTrue(reason(GOOD.replace("lock-7", id)).contains("device_id"));
  }

  @Test
  void deviceIdRuleIsExact() {
    assertTrue(DeviceIds.isValid("a"));
    assertTrue(DeviceIds.isValid("Z9_.:-z"));
    assertTrue(DeviceIds.isValid("d".repeat(64)));
    assertFalse(DeviceIds.isValid("d".repeat(65)));
    assertFalse(DeviceIds.isValid("_a"));
    assertFalse(DeviceIds.isValid(":a"));
    assertFalse(DeviceIds.isValid(".."));
    assertFalse(DeviceIds.isValid("a\u0000"));
    assertFalse(DeviceIds.isValid("ａ"));
    assertFalse(DeviceIds.isValid(null));
  }

  @Test
  void typeTableMatchesDesign() {
    assertEquals(java.util.List.of("temperature", "humidity", "pressure"),
        java.util.List.copyOf(DeviceType.THERMOSTAT.fieldNames()));
    assertEquals(java.util.List.of("motion_detected", "brightness"),
        java.util.List.copyOf(DeviceType.CAMERA.fieldNames()));
    assertEquals(java.util.List.of("motion_detected", "sensitivity"),
        java.util.List.copyOf(DeviceType.MOTION_SENSOR.fieldNames()));
    assertEquals(java.util.List.of("locked", "battery_level"),
        java.util.List.copyOf(DeviceType.DOOR_LOCK.fieldNames()));
    assertEquals(java.util.List.of("power_on", "energy_usage"),
        java.util.List.copyOf(DeviceType.SMART_PLUG.fieldNames()));
    assertEquals(10, DeviceType.allFieldNames().size());
    assertEquals(DeviceType.MOTION_SENSOR, DeviceType.fromWire("motion_sensor").orElseThrow());
  }
}
