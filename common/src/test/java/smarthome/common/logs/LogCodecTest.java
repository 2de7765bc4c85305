package smarthome.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.json.InvalidEventException;

class LogCodecTest {
  final LogCodec codec = new LogCodec(
      Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC));

  static final String GOOD = "{\"event_id\":\"6f1c2a9e-0d4b-4c1e-9a57-3f2b8c7d1e00\","
      + "\"device_id\":\"cam-1\",\"timestamp\":\"2026-06-01T10:00:00.000Z\",\"level\":\"WARN\","
      + "\"event_type\":\"low_battery\",\"message\":\"battery at 9%\"}";

  @Test
  void roundTripsAndKeepsLineBreaksInMessages() throws Exception {
    LogEvent e = new LogEvent(UUID.randomUUID(), "cam-1", Instant.parse("2026-06-01T10:00:00.500Z"),
        LogLevel.ERROR, "crash", "stack:\n  at x\n  at y");
    assertEquals(e, codec.decode(codec.encode(e)));
  }

  @Test
  void decodesTheContractJson() throws Exception {
    LogEvent e = codec.decode(GOOD.getBytes(StandardCharsets.UTF_8));
    assertEquals(LogLevel.WARN, e.level());
    assertEquals("low_battery", e.eventType());
    assertEquals("battery at 9%", e.message());
  }

  private String reason(String json) {
    return assertThrows(InvalidEventException.class,
        () -> codec.decode(json.getBytes(StandardCharsets.UTF_8))).getMessage();
  }

  @Test
  void refusesAnUnknownLevel() {
    assertTrue(reason(GOOD.replace("WARN", "WARNING")).contains("level 'WARNING' is not one of"));
    assertTrue(reason(GOOD.replace("WARN", "warn")).contains("level 'warn'"));
  }

  @Test
  void refusesANulCharacterWhichPostgresCannotStore() {
    assertTrue(reason(GOOD.replace("battery at 9%", "a\\u0000b")).contains("control characters"));
  }

  @Test
  void refusesLineBreaksInEventType() {
    assertTrue(reason(GOOD.replace("low_battery", "low\\nbattery")).contains("event_type"));
  }

  @Test
  void refusesAnOverlongMessage() {
    String r = reason(GOOD.replace("battery at 9%", "m".repeat(LogCodec.MAX_MESSAGE + 1)));
    assertTrue(r.contains("message must be 0-8192 characters, got 8193"), r);
  }

  @Test
  void refusesMissingAndExtraFields() {
    assertTrue(reason(GOOD.replace(",\"level\":\"WARN\"", "")).contains("missing field level"));
    assertTrue(reason(GOOD.replace("\"level\"", "\"severity\":1,\"level\""))
        .contains("unknown field 'severity'"));
  }
}
