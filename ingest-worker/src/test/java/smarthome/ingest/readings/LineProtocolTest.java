package smarthome.ingest.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.common.readings.Reading;

class LineProtocolTest {
  static Reading reading(String id, DeviceType t, Map<String, Object> v, String at) {
    return new Reading(UUID.randomUUID(), id, t, Instant.parse(at), v);
  }

  @Test
  void writesTagsFloatFieldsAndMillisecondTimestamp() {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("temperature", 21.5);
    v.put("humidity", 40.0);
    v.put("pressure", 1013.25);
    assertEquals("sensor_data,device_id=thermo-1,device_type=thermostat "
            + "temperature=21.5,humidity=40,pressure=1013.25 1767225600123",
        LineProtocol.lines(List.of(reading("thermo-1", DeviceType.THERMOSTAT, v,
            "2026-01-01T00:00:00.123Z"))));
  }

  @Test
  void writesFlagsAsBooleansAndSmallNumbersInPlainDecimals() {
    Map<String, Object> v = Map.of("power_on", false, "energy_usage", 0.0001);
    assertEquals("sensor_data,device_id=plug:7.a,device_type=smart_plug power_on=false,"
            + "energy_usage=0.0001 1767225600000",
        LineProtocol.lines(List.of(reading("plug:7.a", DeviceType.SMART_PLUG, v,
            "2026-01-01T00:00:00Z"))));
  }

  @Test
  void everyNumberParsesBackToTheSameDouble() {
    java.util.Random r = new java.util.Random(1);
    double[] fixed = {0.0, -0.5, 1e-7, 123456.789012, 999999999.999, 1e9, -1e12, 0.1 + 0.2, 21.34,
        1013.25, 4.9e-324, 12.000001};
    for (int i = 0; i < 200_000; i++) {
      double d = i < fixed.length ? fixed[i] : (i % 2 == 0 ? Math.round(r.nextDouble() * 1e6) / 100.0
          : (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(20) - 8));
      String text = new LineBuffer(4).number(d).toString();
      assertEquals(d, Double.parseDouble(text), text);
    }
    assertEquals("21.5", new LineBuffer(4).number(21.5).toString());
    assertEquals("-0.000001", new LineBuffer(4).number(-0.000001).toString());
    assertEquals("1013.05", new LineBuffer(4).number(1013.05).toString());
  }

  @Test
  void everyLongIsWrittenAsJavaWritesIt() {
    java.util.Random r = new java.util.Random(2);
    long[] fixed = {0, -1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE, 1767225600123L, -86_400_000L};
    LineBuffer b = new LineBuffer(1);
    for (int i = 0; i < 100_000; i++) {
      long v = i < fixed.length ? fixed[i] : r.nextLong() >> r.nextInt(64);
      b.setLength(0);
      assertEquals(Long.toString(v), b.number(v).toString());
    }
  }

  @Test
  void separatesPointsWithNewlines() {
    Map<String, Object> v = Map.of("locked", true, "battery_level", 80.0);
    String lines = LineProtocol.lines(List.of(
        reading("a", DeviceType.DOOR_LOCK, v, "2026-01-01T00:00:00Z"),
        reading("b", DeviceType.DOOR_LOCK, v, "2026-01-01T00:00:01Z")));
    assertEquals(2, lines.split("\n").length);
    assertEquals("sensor_data,device_id=b,device_type=door_lock locked=true,battery_level=80 1767225601000",
        lines.split("\n")[1]);
  }
}
