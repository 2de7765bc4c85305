package smarthome.common.logs;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import smarthome.common.devices.DeviceIds;
import smarthome.common.json.EventCodec;
import smarthome.common.json.Fields;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.JsonObjects;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;

/** JSON of a log event: {event_id, device_id, timestamp, level, event_type, message}. */
public final class LogCodec implements EventCodec<LogEvent> {
  public static final Set<String> FIELDS =
      Set.of("event_id", "device_id", "timestamp", "level", "event_type", "message");
  public static final int MAX_EVENT_TYPE = 64;
  public static final int MAX_MESSAGE = 8192;

  private final Clock clock;

  public LogCodec() {
    this(Clock.systemUTC());
  }

  public LogCodec(Clock clock) {
    this.clock = clock;
  }

  @Override
  public byte[] encode(LogEvent e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(e, out);
    return out.toByteArray();
  }

  /** Writes one event as a JSON object (no line break) to the stream; used for NDJSON archives. */
  public void write(LogEvent e, OutputStream out) {
    try (JsonGenerator g = JsonObjects.FACTORY.createGenerator(out)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      g.writeStringField("event_id", e.eventId().toString());
      g.writeStringField("device_id", e.deviceId());
      g.writeStringField("timestamp", Timestamps.format(e.timestamp()));
      g.writeStringField("level", e.level().name());
      g.writeStringField("event_type", e.eventType());
      g.writeStringField("message", e.message());
      g.writeEndObject();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public LogEvent decode(byte[] json) throws InvalidEventException {
    Map<String, Object> o = JsonObjects.parse(json);
    JsonObjects.requireExactKeys("log", o, FIELDS);
    String levelText = JsonObjects.string(o, "level");
    LogLevel level = LogLevel.fromWire(levelText).orElseThrow(() -> new InvalidEventException(
        "level " + Text.quote(levelText) + " is not one of DEBUG, INFO, WARN, ERROR"));
    String eventType = Fields.text(o, "event_type", 1, MAX_EVENT_TYPE, false);
    return new LogEvent(
        Fields.uuid(o, "event_id"),
        DeviceIds.require(JsonObjects.string(o, "device_id")),
        Fields.time(o, "timestamp", clock.instant()),
        level,
        eventType,
        Fields.text(o, "message", 0, MAX_MESSAGE, true));
  }
}
