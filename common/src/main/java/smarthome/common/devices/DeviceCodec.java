package smarthome.common.devices;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import smarthome.common.json.EventCodec;
import smarthome.common.json.Fields;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.JsonObjects;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;

/** JSON of device metadata on the devices topic. */
public final class DeviceCodec implements EventCodec<Device> {
  public static final Set<String> FIELDS = Set.of("device_id", "device_type", "location",
      "manufacturer", "model", "firmware_version", "last_maintenance", "created_at", "updated_at");
  public static final int MAX_LOCATION = 64;
  public static final int MAX_TEXT = 128;

  private final Clock clock;

  public DeviceCodec() {
    this(Clock.systemUTC());
  }

  public DeviceCodec(Clock clock) {
    this.clock = clock;
  }

  @Override
  public byte[] encode(Device d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(320);
    try (JsonGenerator g = JsonObjects.FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("device_id", d.deviceId());
      g.writeStringField("device_type", d.deviceType().wire());
      g.writeStringField("location", d.location());
      g.writeStringField("manufacturer", d.manufacturer());
      g.writeStringField("model", d.model());
      g.writeStringField("firmware_version", d.firmwareVersion());
      if (d.lastMaintenance() == null) {
        g.writeNullField("last_maintenance");
      } else {
        g.writeStringField("last_maintenance", Timestamps.format(d.lastMaintenance()));
      }
      g.writeStringField("created_at", Timestamps.format(d.createdAt()));
      g.writeStringField("updated_at", Timestamps.format(d.updatedAt()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Override
  public Device decode(byte[] json) throws InvalidEventException {
    Map<String, Object> o = JsonObjects.parse(json);
    JsonObjects.requireExactKeys("device", o, FIELDS);
    Instant now = clock.instant();
    String id = DeviceIds.require(JsonObjects.string(o, "device_id"));
    String typeWire = JsonObjects.string(o, "device_type");
    DeviceType type = DeviceType.fromWire(typeWire).orElseThrow(() ->
        new InvalidEventException("unknown device_type " + Text.quote(typeWire)));
    Instant created = Fields.time(o, "created_at", now);
    Instant updated = Fields.time(o, "updated_at", now);
    if (updated.isBefore(created)) {
      throw new InvalidEventException("updated_at is before created_at");
    }
    return new Device(id, type,
        Fields.text(o, "location", 1, MAX_LOCATION, false),
        Fields.text(o, "manufacturer", 1, MAX_TEXT, false),
        Fields.text(o, "model", 1, MAX_TEXT, false),
        Fields.text(o, "firmware_version", 1, MAX_TEXT, false),
        Fields.nullableTime(o, "last_maintenance", now),
        created, updated);
  }
}
