package smarthome.common.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import smarthome.common.devices.DeviceIds;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.JsonObjects;
import smarthome.common.json.Timestamps;

/**
 * The one JSON form of {@link DeviceStatus}: {@code {device_id, device_type, status, last_seen,
 * readings_last_hour, usual_interval_ms, latest: {field: {value, timestamp}}, updated_at}}. The
 * {@code latest} object alone is also what the device_state table keeps in its jsonb column.
 */
public final class DeviceStatusJson {
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonObjects.FACTORY);

  private DeviceStatusJson() {}

  public static byte[] write(DeviceStatus s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JsonObjects.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("device_id", s.deviceId());
      g.writeStringField("device_type", s.deviceType());
      g.writeStringField("status", s.status());
      g.writeStringField("last_seen", Timestamps.format(s.lastSeen()));
      g.writeNumberField("readings_last_hour", s.readingsLastHour());
      g.writeNumberField("usual_interval_ms", s.usualIntervalMs());
      g.writeFieldName("latest");
      writeLatest(g, s.latest());
      g.writeStringField("updated_at", Timestamps.format(s.updatedAt()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** @throws InvalidEventException when the bytes are not a device state */
  public static DeviceStatus parse(byte[] json) throws InvalidEventException {
    try {
      JsonNode n = MAPPER.readTree(json);
      return new DeviceStatus(DeviceIds.require(text(n, "device_id")), text(n, "device_type"),
          text(n, "status"), Timestamps.parse(text(n, "last_seen")),
          required(n, "readings_last_hour").asLong(), required(n, "usual_interval_ms").asLong(),
          latest(required(n, "latest")), Timestamps.parse(text(n, "updated_at")));
    } catch (InvalidEventException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new InvalidEventException("not a device state: " + e.getMessage());
    }
  }

  /** The {@code latest} object alone, fields in name order. */
  public static String writeLatest(Map<String, DeviceStatus.Latest> latest) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = JsonObjects.FACTORY.createGenerator(out)) {
      writeLatest(g, latest);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Parses what {@link #writeLatest} wrote (the device_state.latest column). */
  public static Map<String, DeviceStatus.Latest> parseLatest(String json) throws InvalidEventException {
    try {
      return latest(MAPPER.readTree(json));
    } catch (IOException | RuntimeException e) {
      throw new InvalidEventException("not a latest-values object: " + e.getMessage());
    }
  }

  private static void writeLatest(JsonGenerator g, Map<String, DeviceStatus.Latest> latest)
      throws IOException {
    g.writeStartObject();
    for (Map.Entry<String, DeviceStatus.Latest> e : new TreeMap<>(latest).entrySet()) {
      g.writeObjectFieldStart(e.getKey());
      if (e.getValue().value() instanceof Boolean b) {
        g.writeBooleanField("value", b);
      } else {
        g.writeNumberField("value", (Double) e.getValue().value());
      }
      g.writeStringField("timestamp", Timestamps.format(e.getValue().timestamp()));
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static Map<String, DeviceStatus.Latest> latest(JsonNode n) {
    if (!n.isObject()) {
      throw new IllegalArgumentException("latest is not an object");
    }
    Map<String, DeviceStatus.Latest> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = required(e.getValue(), "value");
      Object value;
      if (v.isBoolean()) {
        value = v.asBoolean();
      } else if (v.isNumber()) {
        value = v.asDouble();
      } else {
        throw new IllegalArgumentException("the value of " + e.getKey() + " is not a number or a boolean");
      }
      out.put(e.getKey(), new DeviceStatus.Latest(value, Timestamps.parse(text(e.getValue(), "timestamp"))));
    }
    return out;
  }

  private static JsonNode required(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    return required(n, field).asText();
  }
}
