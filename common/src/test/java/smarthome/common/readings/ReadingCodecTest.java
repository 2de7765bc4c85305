package smarthome.common.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import smarthome.common.devices.DeviceType;
import smarthome.common.json.InvalidEventException;

class ReadingCodecTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
  final ReadingCodec codec = new ReadingCodec(CLOCK);

  static final String GOOD = "{\"event_id\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\","
      + "\"device_id\":\"thermo-1\",\"device_type\":\"thermostat\","
      + "\"timestamp\":\"2026-06-01T11:59:00.123Z\","
      + "\"values\":{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013.2}}";

  @Test
  void encodesTheContractJsonExactly() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("pressure", 1013.2);
    v.put("temperature", 21.5);
    v.put("humidity", 40.0);
    Reading r = new Reading(UUID.fromString("1b4e28ba-2fa1-11d2-883f-0016d3cca427"), "thermo-1",
        DeviceType.THERMOSTAT, Instant.parse("2026-06-01T11:59:00.123Z"), v);
    assertEquals("{\"event_id\":\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\",\"device_id\":\"thermo-1\","
        + "\"device_type\":\"thermostat\",\"timestamp\":\"2026-06-01T11:59:00.123Z\","
        + "\"values\":{\"temperature\":21.5,\"humidity\":40.0,\"pressure\":1013.2}}",
        new String(codec.encode(r), StandardCharsets.UTF_8));
  }

  @Test
  void decodesAValidReadingAndIntegersAsDoubles() throws Exception {
    Reading r = codec.decode(GOOD.getBytes(StandardCharsets.UTF_8));
    assertEquals("thermo-1", r.deviceId());
    assertEquals(DeviceType.THERMOSTAT, r.deviceType());
    assertEquals(40.0, r.number("humidity"));
    assertEquals(Instant.parse("2026-06-01T11:59:00.123Z"), r.timestamp());
  }

  @Test
  void roundTripsEveryDeviceType() throws Exception {
    for (DeviceType t : DeviceType.values()) {
      Map<String, Object> v = new LinkedHashMap<>();
      t.fields().forEach(f -> v.put(f.name(), f.isNumber() ? f.min() : Boolean.TRUE));
      Reading r = new Reading(UUID.randomUUID(), "dev-" + t.wire(), t,
          Instant.parse("2026-06-01T11:00:00.001Z"), v);
      assertEquals(r, codec.decode(codec.encode(r)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "missing values field|,\"values\":{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013.2}|"
          + "|missing field values",
      "extra top-level field|\"timestamp\"|\"extra\":1,\"timestamp\"|unknown field 'extra'",
      "number as string|\"temperature\":21.5|\"temperature\":\"21.5\"|values.temperature must be a number",
      "bool for number|\"temperature\":21.5|\"temperature\":true|values.temperature must be a number",
      "out of range|\"humidity\":40|\"humidity\":140|values.humidity 140.0 is outside 0..100",
      "infinite|\"temperature\":21.5|\"temperature\":1e400|values.temperature must be a finite number",
      "NaN literal|\"temperature\":21.5|\"temperature\":NaN|malformed JSON",
      "missing value|,\"pressure\":1013.2||values: missing field pressure",
      "foreign field|\"pressure\":1013.2|\"pressure\":1013.2,\"locked\":true|does not belong to device_type thermostat",
      "unknown type|\"thermostat\"|\"toaster\"|unknown device_type 'toaster'",
      "type by display name|\"thermostat\"|\"Thermostat\"|unknown device_type 'Thermostat'",
      "bad uuid|1b4e28ba-2fa1-11d2-883f-0016d3cca427|not-a-uuid|event_id 'not-a-uuid' is not a UUID",
      "uuid without dashes|1b4e28ba-2fa1-11d2-883f-0016d3cca427|1b4e28ba2fa111d2883f0016d3cca427xxxx|is not a UUID",
      "bad device id|thermo-1|thermo/1|device_id 'thermo/1' is invalid",
      "id with quote|thermo-1|thermo'1|device_id 'thermo\\'1' is invalid",
      "local time|2026-06-01T11:59:00.123Z|2026-06-01T11:59:00.123|is not an ISO-8601 date-time with offset",
      "epoch time|\"2026-06-01T11:59:00.123Z\"|1780315140123|timestamp must be a string",
      "before 2000|2026-06-01T11:59:00.123Z|1999-12-31T23:59:59.999Z|is before 2000-01-01",
      "far future|2026-06-01T11:59:00.123Z|2026-06-03T12:00:00Z|in the future",
      "device id as number|\"thermo-1\"|42|device_id must be a string, not a number",
      "values as array|{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013.2}|[1,2]|arrays are not allowed",
      "values as string|{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013.2}|\"hot\"|values must be an object",
      "duplicate key|\"device_id\":\"thermo-1\"|\"device_id\":\"thermo-1\",\"device_id\":\"x\"|malformed JSON: Duplicate field",
      "nested too deep|\"temperature\":21.5|\"temperature\":{\"a\":1}|objects nest too deep",
      "null event id|\"1b4e28ba-2fa1-11d2-883f-0016d3cca427\"|null|event_id must be a string, not null",
  })
  void refusesWithAReason(String name, String find, String replace, String reason) {
    String json = GOOD.replace(find, replace == null ? "" : replace);
    assertTrue(!json.equals(GOOD), "the case must change the document: " + name);
    InvalidEventException e = assertThrows(InvalidEventException.class,
        () -> codec.decode(json.getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains(reason), () -> name + ": got '" + e.getMessage() + "'");
  }

  @Test
  void refusesTrailingData() {
    var e = assertThrows(InvalidEventException.class,
        () -> codec.decode((GOOD + " {}").getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("trailing data"), e.getMessage());
  }

  @Test
  void refusesEmptyAndNonJsonBytes() {
    assertThrows(InvalidEventException.class, () -> codec.decode(new byte[0]));
    var e = assertThrows(InvalidEventException.class,
        () -> codec.decode(new byte[] {(byte) 0xff, (byte) 0xd8, 0x00, 0x01}));
    assertTrue(e.getMessage().startsWith("malformed JSON"), e.getMessage());
    assertThrows(InvalidEventException.class, () -> codec.decode("[]".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void reasonDoesNotEchoLongHostileInput() {
    String longId = "x".repeat(5000);
    var e = assertThrows(InvalidEventException.class, () -> codec.decode(
        GOOD.replace("thermo-1", longId).getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().length() < 300, e.getMessage());
    assertTrue(e.getMessage().contains("5000 chars"), e.getMessage());
  }

  @Test
  void newlineInIdIsEscapedInTheReason() {
    var e = assertThrows(InvalidEventException.class, () -> codec.decode(
        GOOD.replace("thermo-1", "thermo\\n1").getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("thermo\\u000a1"), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void recordConstructorRefusesValuesOutsideTheTable() {
    Map<String, Object> v = Map.of("locked", true, "battery_level", 101.0);
    var e = assertThrows(IllegalArgumentException.class, () -> new Reading(UUID.randomUUID(),
        "lock-1", DeviceType.DOOR_LOCK, Instant.parse("2026-01-01T00:00:00Z"), v));
    assertEquals("values.battery_level 101.0 is outside 0..100", e.getMessage());
  }
}
