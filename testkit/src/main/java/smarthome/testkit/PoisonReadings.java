package smarthome.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;

/**
 * The poison corpus of the readings topic: what the fault suite mixes into good traffic and the
 * decoders' unit tests hold to the same verdicts (one list, so both test the same kinds).
 */
public final class PoisonReadings {
  private PoisonReadings() {}

  /** A valid thermostat reading of the device at the time. */
  public static String reading(String dev, String time) {
    return "{\"event_id\":\"" + UUID.randomUUID() + "\",\"device_id\":\"" + dev + "\",\"device_type\":\"thermostat\","
        + "\"timestamp\":\"" + time + "\",\"values\":{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013}}";
  }

  /**
   * Distinct bad readings, by kind, each refused by the readings decoder for a reason of its own
   * (a null value included): malformed JSON, wrong shapes, each field out of range or of a wrong type. */
  public static Map<String, byte[]> corpus(String dev, String now) {
    Map<String, String> c = new LinkedHashMap<>();
    String good = reading(dev, now);
    c.put("not json", "hello");
    c.put("truncated json", "{\"event_id\":\"");
    c.put("json array", "[1,2,3]");
    c.put("json string", "\"reading\"");
    c.put("json number", "42");
    c.put("json null", "null");
    c.put("empty object", "{}");
    c.put("NaN", good.replace("21.5", "NaN"));
    c.put("Infinity token", good.replace("21.5", "Infinity"));
    c.put("infinite", good.replace("21.5", "1e999"));
    c.put("unknown device type", good.replace("thermostat", "toaster"));
    c.put("display-name device type", good.replace("thermostat", "Thermostat"));
    c.put("missing field", good.replace(",\"pressure\":1013", ""));
    c.put("missing timestamp", good.replace("\"timestamp\":\"" + now + "\",", ""));
    c.put("extra field", good.replace("\"values\"", "\"extra\":1,\"values\""));
    c.put("field of another type", good.replace("\"pressure\":1013", "\"locked\":true"));
    c.put("bad event id", good.replaceFirst("[0-9a-f-]{36}", "123"));
    c.put("event id not a string", good.replaceFirst("\"[0-9a-f-]{36}\"", "7"));
    c.put("time without offset", good.replace(now, now.replace("Z", "")));
    c.put("time as epoch", good.replace("\"" + now + "\"", "1780000000000"));
    c.put("time in 1970", good.replace(now, "1970-01-01T00:00:00.000Z"));
    c.put("time far in the future", good.replace(now, "2099-01-01T00:00:00.000Z"));
    c.put("time not a date", good.replace(now, "yesterday"));
    c.put("duplicate key", good.replace("\"values\"", "\"timestamp\":\"" + now + "\",\"values\""));
    c.put("nested too deep", good.replace("21.5", "{\"c\":21.5}"));
    c.put("values as array", good.replace("{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013}", "[21.5]"));
    c.put("values as string", good.replace("{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013}", "\"hot\""));
    c.put("trailing data", good + " {}");
    c.put("slash in id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + dev + "/x\""));
    c.put("newline in id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + dev + "\\nx\""));
    c.put("quote in id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + dev + "\\\"x\""));
    c.put("65 chars id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + "d".repeat(65) + "\""));
    c.put("unicode id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + dev + "\u00e9\""));
    c.put("empty id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"\""));
    Map<String, byte[]> out = new LinkedHashMap<>();
    c.forEach((k, v) -> out.put(k, bytes(v)));
    // every numeric field of every type out of range, and every field of every type of a wrong JSON type
    for (DeviceType t : DeviceType.values()) {
      for (FieldSpec f : t.fields()) {
        StringBuilder values = new StringBuilder("{");
        StringBuilder wrong = new StringBuilder("{");
        for (FieldSpec g : t.fields()) {
          String ok = g.isNumber() ? Double.toString(g.min()) : "true";
          values.append(values.length() > 1 ? "," : "").append('"').append(g.name()).append("\":")
              .append(g == f && f.isNumber() ? Double.toString(f.max() + 1) : ok);
          wrong.append(wrong.length() > 1 ? "," : "").append('"').append(g.name()).append("\":")
              .append(g == f ? (f.isNumber() ? "\"12\"" : "1") : ok);
        }
        String base = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"device_id\":\"" + dev + "\",\"device_type\":\""
            + t.wire() + "\",\"timestamp\":\"" + now + "\",\"values\":";
        if (f.isNumber()) {
          out.put(t.wire() + "." + f.name() + " out of range", bytes(base + values + "}}"));
        }
        out.put(t.wire() + "." + f.name() + " of the wrong JSON type", bytes(base + wrong + "}}"));
      }
    }
    out.put("empty value", new byte[0]);
    out.put("null value", null);
    out.put("invalid utf-8", new byte[] {(byte) 0xc3, 0x28, (byte) 0xff});
    return out;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
