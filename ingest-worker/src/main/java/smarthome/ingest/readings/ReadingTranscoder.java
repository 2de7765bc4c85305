package smarthome.ingest.readings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.CharBuffer;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import smarthome.common.devices.DeviceIds;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.JsonObjects;
import smarthome.common.json.Timestamps;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;
import smarthome.ingest.pipeline.RecordChecks;

/**
 * A readings record straight to its line of line protocol: the JSON is read once by a streaming
 * parser and the line appended to a reused buffer, with no {@link Reading} in between.
 *
 * <p>One set of rules: a record takes the fast path only when it is a reading in the canonical
 * form the producers write (the five fields once each, a canonical UUID, a valid device_id equal to
 * the record key, a known type, exactly its fields with finite numbers in range and flags, a
 * timestamp in our own format and within the sane window). Anything else, every poison record
 * included, goes through {@link ReadingCodec} and {@link LineProtocol}, which accept, refuse and
 * word the reason as they always did; a unit test holds the two paths to the same verdicts and
 * bytes. Not thread-safe: one per consumer thread.
 */
public final class ReadingTranscoder {
  /** The fast path's answer for "not canonical: ask the codec". */
  private static final long NOT_FAST = Long.MIN_VALUE;
  private static final int MAX_VALUES = 16;
  private static final long EARLIEST_MS = Timestamps.EARLIEST.toEpochMilli();
  private static final long MAX_FUTURE_MS = Timestamps.MAX_FUTURE.toMillis();

  private final ReadingCodec codec;
  private final Clock clock;
  private final String[] names = new String[MAX_VALUES];
  private final double[] numbers = new double[MAX_VALUES];
  /** 0 a number, 1 false, 2 true. */
  private final byte[] kinds = new byte[MAX_VALUES];
  private long slowPath;

  public ReadingTranscoder(Clock clock) {
    this.codec = new ReadingCodec(clock);
    this.clock = clock;
  }

  /**
   * Appends the record's line to {@code out} (nothing when it is refused).
   *
   * @return the reading's timestamp in epoch milliseconds
   * @throws InvalidEventException with the reason the codec gives, for the dead-letter topic
   */
  public long append(ConsumerRecord<String, byte[]> r, LineBuffer out) throws InvalidEventException {
    byte[] json = RecordChecks.value(r);
    int mark = out.length();
    long millis;
    try {
      millis = fast(json, r.key(), out);
    } catch (IOException e) {
      millis = NOT_FAST; // malformed: the codec words it
    }
    if (millis != NOT_FAST) {
      return millis;
    }
    out.setLength(mark);
    slowPath++;
    Reading reading = codec.decode(json);
    RecordChecks.key(r, reading.deviceId());
    LineProtocol.append(out, reading);
    return reading.timestamp().toEpochMilli();
  }

  /** How many records went the codec's way (refused ones included): for tests. */
  long slowPathCount() {
    return slowPath;
  }

  private long fast(byte[] json, String key, LineBuffer out) throws IOException {
    if (json.length == 0 || key == null || !DeviceIds.isValid(key)) {
      return NOT_FAST;
    }
    int seen = 0;
    boolean idMatches = false;
    DeviceType type = null;
    long millis = NOT_FAST;
    int count = 0;
    try (JsonParser p = JsonObjects.FAST_FACTORY.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return NOT_FAST;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        int bit;
        switch (name) {
          case "event_id" -> {
            bit = 1;
            if (v != JsonToken.VALUE_STRING || !TokenText.isUuid(p)) {
              return NOT_FAST;
            }
          }
          case "device_id" -> {
            bit = 2;
            idMatches = v == JsonToken.VALUE_STRING && TokenText.is(p, key);
          }
          case "device_type" -> {
            bit = 4;
            type = v == JsonToken.VALUE_STRING ? TokenText.deviceType(p) : null;
          }
          case "timestamp" -> {
            bit = 8;
            millis = v == JsonToken.VALUE_STRING ? Timestamps.canonicalMillis(
                CharBuffer.wrap(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()))
                : NOT_FAST;
          }
          case "values" -> {
            bit = 16;
            count = v == JsonToken.START_OBJECT ? values(p) : -1;
          }
          default -> {
            return NOT_FAST;
          }
        }
        if ((seen & bit) != 0) {
          return NOT_FAST;
        }
        seen |= bit;
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return NOT_FAST;
      }
    }
    if (seen != 31 || !idMatches || type == null || millis == NOT_FAST || millis < EARLIEST_MS
        || millis > clock.millis() + MAX_FUTURE_MS || count != type.fields().size()) {
      return NOT_FAST;
    }
    return line(type, key, millis, count, out) ? millis : NOT_FAST;
  }

  /** The values object's scalars by name; -1 when it holds anything but numbers and flags. */
  private int values(JsonParser p) throws IOException {
    int count = 0;
    JsonToken f;
    while ((f = p.nextToken()) == JsonToken.FIELD_NAME) {
      if (count == MAX_VALUES) {
        return -1;
      }
      names[count] = p.currentName();
      switch (p.nextToken()) {
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
          kinds[count] = 0;
          numbers[count] = p.getDoubleValue();
        }
        case VALUE_FALSE -> kinds[count] = 1;
        case VALUE_TRUE -> kinds[count] = 2;
        default -> {
          return -1;
        }
      }
      count++;
    }
    return f == JsonToken.END_OBJECT ? count : -1;
  }

  /**
   * Appends the line when every field of the type is there with a value it accepts; with as many
   * names as fields, that also means no name is foreign or twice.
   */
  private boolean line(DeviceType type, String deviceId, long millis, int count, LineBuffer out) {
    int mark = out.length();
    LineProtocol.appendSeries(out, deviceId, type);
    List<FieldSpec> fields = type.fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      int j = indexOf(f.name(), i, count);
      if (j < 0) {
        out.setLength(mark);
        return false;
      }
      if (i > 0) {
        out.append((byte) ',');
      }
      out.ascii(f.name()).append((byte) '=');
      if (f.isNumber()) {
        double d = numbers[j];
        if (kinds[j] != 0 || !Double.isFinite(d) || d < f.min() || d > f.max()) {
          out.setLength(mark);
          return false;
        }
        out.number(d);
      } else if (kinds[j] == 0) {
        out.setLength(mark);
        return false;
      } else {
        out.flag(kinds[j] == 2);
      }
    }
    out.append((byte) ' ').number(millis);
    return true;
  }

  /** Where the field is among the values, trying the table position first (producers keep it). */
  private int indexOf(String name, int guess, int count) {
    if (guess < count && name.equals(names[guess])) {
      return guess;
    }
    for (int i = 0; i < count; i++) {
      if (name.equals(names[i])) {
        return i;
      }
    }
    return -1;
  }
}
