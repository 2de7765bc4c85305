package smarthome.ingest.readings;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import smarthome.common.devices.DeviceIds;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.Timestamps;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;
import smarthome.ingest.pipeline.RecordChecks;

/**
 * A readings record straight to its line of line protocol: the JSON is read once from the record's
 * bytes ({@link ReadingBytes}) and the line appended to a reused buffer, with no {@link Reading}
 * and no parser object in between.
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
  private static final long EARLIEST_MS = Timestamps.EARLIEST.toEpochMilli();
  private static final long MAX_FUTURE_MS = Timestamps.MAX_FUTURE.toMillis();

  private final ReadingCodec codec;
  private final Clock clock;
  private final ReadingBytes in = new ReadingBytes();
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
    long millis = fast(json, r.key(), out);
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

  private long fast(byte[] json, String key, LineBuffer out) {
    if (json.length == 0 || key == null || !DeviceIds.isValid(key) || !in.read(json)) {
      return NOT_FAST;
    }
    DeviceType type = in.deviceType();
    if (type == null || !in.uuidEventId() || !in.deviceIdIs(key) || in.count != type.fields().size()) {
      return NOT_FAST;
    }
    long millis = in.canonicalMillis();
    if (millis == Timestamps.NOT_CANONICAL || millis < EARLIEST_MS || millis > clock.millis() + MAX_FUTURE_MS) {
      return NOT_FAST;
    }
    return line(type, key, millis, out) ? millis : NOT_FAST;
  }

  /**
   * Appends the line when every field of the type is there with a value it accepts; with as many
   * names as fields, that also means no name is foreign or twice.
   */
  private boolean line(DeviceType type, String deviceId, long millis, LineBuffer out) {
    int mark = out.length();
    LineProtocol.appendSeries(out, deviceId, type);
    List<FieldSpec> fields = type.fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      int j = in.indexOf(f.name(), i);
      if (j < 0) {
        out.setLength(mark);
        return false;
      }
      if (i > 0) {
        out.append((byte) ',');
      }
      out.ascii(f.name()).append((byte) '=');
      if (f.isNumber()) {
        double d = in.numbers[j];
        if (in.kinds[j] != 0 || !Double.isFinite(d) || d < f.min() || d > f.max()) {
          out.setLength(mark);
          return false;
        }
        out.number(d);
      } else if (in.kinds[j] == 0) {
        out.setLength(mark);
        return false;
      } else {
        out.flag(in.kinds[j] == 2);
      }
    }
    out.append((byte) ' ').number(millis);
    return true;
  }
}
