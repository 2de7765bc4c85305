package smarthome.common.readings;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import smarthome.common.devices.DeviceIds;
import smarthome.common.devices.DeviceType;
import smarthome.common.json.EventCodec;
import smarthome.common.json.Fields;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.JsonObjects;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;

/** JSON of a reading: {event_id, device_id, device_type, timestamp, values: {field: number|bool}}. */
public final class ReadingCodec implements EventCodec<Reading> {
  public static final Set<String> FIELDS =
      Set.of("event_id", "device_id", "device_type", "timestamp", "values");

  private final Clock clock;

  public ReadingCodec() {
    this(Clock.systemUTC());
  }

  public ReadingCodec(Clock clock) {
    this.clock = clock;
  }

  @Override
  public byte[] encode(Reading r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(200);
    try (JsonGenerator g = JsonObjects.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("event_id", r.eventId().toString());
      g.writeStringField("device_id", r.deviceId());
      g.writeStringField("device_type", r.deviceType().wire());
      g.writeStringField("timestamp", Timestamps.format(r.timestamp()));
      g.writeObjectFieldStart("values");
      for (Map.Entry<String, Object> e : r.values().entrySet()) {
        if (e.getValue() instanceof Boolean b) {
          g.writeBooleanField(e.getKey(), b);
        } else {
          g.writeNumberField(e.getKey(), (Double) e.getValue());
        }
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public Reading decode(byte[] json) throws InvalidEventException {
    Map<String, Object> o = JsonObjects.parse(json);
    JsonObjects.requireExactKeys("reading", o, FIELDS);
    String typeWire = JsonObjects.string(o, "device_type");
    DeviceType type = DeviceType.fromWire(typeWire).orElseThrow(() ->
        new InvalidEventException("unknown device_type " + Text.quote(typeWire)));
    Object values = o.get("values");
    if (!(values instanceof Map<?, ?> map)) {
      throw new InvalidEventException("values must be an object, not " + JsonObjects.typeName(values));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> v = (Map<String, Object>) map;
    String problem = Reading.problemWith(type, v);
    if (problem != null) {
      throw new InvalidEventException(problem);
    }
    return new Reading(
        Fields.uuid(o, "event_id"),
        DeviceIds.require(JsonObjects.string(o, "device_id")),
        type,
        Fields.time(o, "timestamp", clock.instant()),
        v);
  }
}
