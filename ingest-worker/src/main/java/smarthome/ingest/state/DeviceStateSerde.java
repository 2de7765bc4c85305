package smarthome.ingest.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import smarthome.common.json.JsonObjects;

/**
 * The state processor's private form of {@link DeviceState} in its RocksDB store and changelog:
 * compact, with the bookkeeping that the published form ({@link
 * smarthome.common.state.DeviceStatusJson}) leaves out. Only this processor reads it.
 */
public final class DeviceStateSerde {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeviceStateSerde() {}

  static byte[] stored(DeviceState s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JsonObjects.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("id", s.deviceId);
      if (s.deviceType != null) {
        g.writeStringField("type", s.deviceType);
      }
      g.writeNumberField("seen", s.lastSeenMs);
      g.writeNumberField("interval", s.usualIntervalMs);
      g.writeNumberField("base", s.bucketBase);
      g.writeArrayFieldStart("buckets");
      for (long c : s.minuteCounts) {
        g.writeNumber(c);
      }
      g.writeEndArray();
      if (s.publishedStatus != null) {
        g.writeStringField("pstatus", s.publishedStatus);
      }
      g.writeNumberField("phour", s.publishedLastHour);
      g.writeBooleanField("dirty", s.dirty);
      g.writeNumberField("updated", s.updatedAtMs);
      g.writeNumberField("deleted", s.deletedAtMs);
      g.writeObjectFieldStart("latest");
      for (Map.Entry<String, DeviceState.Latest> e : s.latest.entrySet()) {
        g.writeArrayFieldStart(e.getKey());
        Object v = e.getValue().value();
        if (v instanceof Boolean b) {
          g.writeBoolean(b);
        } else {
          g.writeNumber(((Number) v).doubleValue());
        }
        g.writeNumber(e.getValue().timestampMs());
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static DeviceState parseStored(byte[] bytes) {
    try {
      JsonNode n = MAPPER.readTree(bytes);
      DeviceState s = new DeviceState();
      s.deviceId = n.get("id").asText();
      s.deviceType = n.has("type") ? n.get("type").asText() : null;
      s.lastSeenMs = n.get("seen").asLong();
      s.usualIntervalMs = n.get("interval").asLong();
      s.bucketBase = n.get("base").asLong();
      JsonNode b = n.get("buckets");
      for (int i = 0; i < DeviceState.BUCKETS && i < b.size(); i++) {
        s.minuteCounts[i] = b.get(i).asLong();
      }
      s.publishedStatus = n.has("pstatus") ? n.get("pstatus").asText() : null;
      s.publishedLastHour = n.get("phour").asLong();
      s.dirty = n.get("dirty").asBoolean();
      s.updatedAtMs = n.get("updated").asLong();
      s.deletedAtMs = n.get("deleted").asLong();
      for (Iterator<Map.Entry<String, JsonNode>> it = n.get("latest").fields(); it.hasNext(); ) {
        var e = it.next();
        JsonNode v = e.getValue().get(0);
        s.latest.put(e.getKey(), new DeviceState.Latest(v.isBoolean() ? (Object) v.asBoolean() : (Object) v.asDouble(),
            e.getValue().get(1).asLong()));
      }
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Serde<DeviceState> serde() {
    Serializer<DeviceState> ser = (topic, s) -> s == null ? null : stored(s);
    Deserializer<DeviceState> de = (topic, b) -> b == null ? null : parseStored(b);
    return Serdes.serdeFrom(ser, de);
  }
}
