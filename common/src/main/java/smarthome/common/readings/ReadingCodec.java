package smarthome.common.readings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
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

  /** The contract JSON of a reading, written by {@link ReadingJsonWriter}. */
  @Override
  public byte[] encode(Reading r) {
    return ReadingJsonWriter.write(r);
  }

  private static final int EVENT_ID = 1;
  private static final int DEVICE_ID = 2;
  private static final int DEVICE_TYPE = 4;
  private static final int TIMESTAMP = 8;
  private static final int VALUES = 16;
  private static final int MAX_VALUES = 16;

  /**
   * Streams the JSON once, with no intermediate maps (this is the ingest hot path), and refuses
   * with the same reasons as the generic object parser would.
   */
  @Override
  public Reading decode(byte[] json) throws InvalidEventException {
    if (json == null || json.length == 0) {
      throw new InvalidEventException("empty value: expected a JSON object");
    }
    String eventId = null;
    String deviceId = null;
    String typeWire = null;
    String time = null;
    Object eventIdRaw = null;
    Object deviceIdRaw = null;
    Object typeRaw = null;
    Object timeRaw = null;
    String[] names = new String[MAX_VALUES];
    Object[] raw = new Object[MAX_VALUES];
    int count = 0;
    int seen = 0;
    Object valuesRaw = null;
    try (JsonParser p = JsonObjects.FAST_FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new InvalidEventException("expected a JSON object");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        int bit = switch (name) {
          case "event_id" -> EVENT_ID;
          case "device_id" -> DEVICE_ID;
          case "device_type" -> DEVICE_TYPE;
          case "timestamp" -> TIMESTAMP;
          case "values" -> VALUES;
          default -> throw new InvalidEventException("reading: unknown field " + Text.quote(name));
        };
        if ((seen & bit) != 0) {
          throw duplicate(name);
        }
        seen |= bit;
        if (bit == VALUES) {
          if (v != JsonToken.START_OBJECT) {
            valuesRaw = scalar(p, v, name);
            continue;
          }
          valuesRaw = Boolean.TRUE;
          JsonToken f;
          while ((f = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            Object value = scalar(p, p.nextToken(), field);
            if (count == MAX_VALUES) {
              throw new InvalidEventException("values: too many fields");
            }
            if (indexOf(names, count, field) >= 0) {
              throw duplicate(field);
            }
            names[count] = field;
            raw[count++] = value;
          }
          if (f != JsonToken.END_OBJECT) {
            throw new InvalidEventException("malformed JSON object");
          }
          continue;
        }
        Object value = scalar(p, v, name);
        switch (bit) {
          case EVENT_ID -> eventIdRaw = value;
          case DEVICE_ID -> deviceIdRaw = value;
          case DEVICE_TYPE -> typeRaw = value;
          default -> timeRaw = value;
        }
      }
      if (t != JsonToken.END_OBJECT) {
        throw new InvalidEventException("malformed JSON object");
      }
      if (p.nextToken() != null) {
        throw new InvalidEventException("trailing data after the JSON object");
      }
    } catch (JsonProcessingException e) {
      throw new InvalidEventException("malformed JSON: " + e.getOriginalMessage()
          + " at " + e.getLocation().offsetDescription());
    } catch (IOException e) {
      throw new InvalidEventException("unreadable JSON: " + e.getMessage());
    }
    for (String key : new String[] {"event_id", "device_id", "device_type", "timestamp", "values"}) {
      int bit = switch (key) {
        case "event_id" -> EVENT_ID;
        case "device_id" -> DEVICE_ID;
        case "device_type" -> DEVICE_TYPE;
        case "timestamp" -> TIMESTAMP;
        default -> VALUES;
      };
      if ((seen & bit) == 0) {
        throw new InvalidEventException("reading: missing field " + key);
      }
    }
    typeWire = string("device_type", typeRaw);
    String tw = typeWire;
    DeviceType type = DeviceType.fromWire(typeWire).orElseThrow(() ->
        new InvalidEventException("unknown device_type " + Text.quote(tw)));
    if (!(valuesRaw instanceof Boolean)) {
      throw new InvalidEventException("values must be an object, not " + JsonObjects.typeName(valuesRaw));
    }
    FieldValues values = ordered(type, names, raw, count);
    String problem = Reading.problemWith(type, values);
    if (problem != null) {
      throw new InvalidEventException(problem);
    }
    eventId = string("event_id", eventIdRaw);
    deviceId = string("device_id", deviceIdRaw);
    time = string("timestamp", timeRaw);
    return new Reading(
        Fields.parseUuid("event_id", eventId),
        DeviceIds.require(deviceId),
        type,
        Timestamps.parseEventTime("timestamp", time, clock.instant()),
        values);
  }

  /** The same words as the generic parser's duplicate detection. */
  private static InvalidEventException duplicate(String name) {
    return new InvalidEventException("malformed JSON: Duplicate field " + Text.quote(name));
  }

  /** A scalar value as the generic parser represents it; objects and arrays are refused. */
  private static Object scalar(JsonParser p, JsonToken v, String name) throws IOException, InvalidEventException {
    return switch (v) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> Boolean.TRUE;
      case VALUE_FALSE -> Boolean.FALSE;
      case VALUE_NULL -> JsonObjects.NULL;
      case START_OBJECT -> throw new InvalidEventException("field " + Text.quote(name) + ": objects nest too deep");
      default -> throw new InvalidEventException("field " + Text.quote(name) + ": arrays are not allowed");
    };
  }

  private static String string(String key, Object v) throws InvalidEventException {
    if (v instanceof String s) {
      return s;
    }
    throw new InvalidEventException(key + " must be a string, not " + JsonObjects.typeName(v));
  }

  /**
   * The values in the type's field order; when the names do not match the type exactly, a plain
   * map, so {@link Reading#problemWith} names what is missing or foreign.
   */
  private static FieldValues ordered(DeviceType type, String[] names, Object[] raw, int count)
      throws InvalidEventException {
    int n = type.fields().size();
    if (count == n) {
      Object[] out = new Object[n];
      boolean all = true;
      for (int i = 0; i < n && all; i++) {
        String want = type.fields().get(i).name();
        int j = i < count && want.equals(names[i]) ? i : indexOf(names, count, want);
        if (j < 0) {
          all = false;
        } else {
          out[i] = raw[j];
        }
      }
      if (all) {
        return new FieldValues(type, out);
      }
    }
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      map.put(names[i], raw[i]);
    }
    String problem = Reading.problemWith(type, map);
    throw new InvalidEventException(problem == null ? "values do not fit device_type " + type.wire() : problem);
  }

  private static int indexOf(String[] names, int count, String want) {
    for (int i = 0; i < count; i++) {
      if (want.equals(names[i])) {
        return i;
      }
    }
    return -1;
  }
}
