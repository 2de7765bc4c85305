package smarthome.ingest.readings;

import java.util.List;
import java.util.Map;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.readings.FieldValues;
import smarthome.common.readings.Reading;
import smarthome.common.store.Influx;

/**
 * Readings as InfluxDB line protocol with millisecond timestamps, in {@link Influx#MEASUREMENT}:
 * {@code <measurement>,device_id=X,device_type=Y temperature=21.5,humidity=40.0 1767225600000}.
 *
 * <p>No escaping is needed and none is done: device ids are validated to [A-Za-z0-9_.:-], device
 * types and field names come from the type table. Numbers are written as the shortest decimal
 * that reads back as the same double ({@link LineBuffer#number(double)}), always as floats so a
 * field never changes type; flags as true/false.
 */
public final class LineProtocol {
  private LineProtocol() {}

  /** The series part and the space before the fields: measurement and tags. */
  static void appendSeries(LineBuffer out, String deviceId, DeviceType type) {
    out.ascii(Influx.MEASUREMENT)
        .ascii(",device_id=").ascii(deviceId)
        .ascii(",device_type=").ascii(type.wire())
        .append((byte) ' ');
  }

  public static void append(LineBuffer out, Reading r) {
    appendSeries(out, r.deviceId(), r.deviceType());
    List<FieldSpec> fields = r.deviceType().fields();
    Map<String, Object> values = r.values();
    FieldValues ordered = values instanceof FieldValues fv ? fv : null;
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append((byte) ',');
      }
      String name = fields.get(i).name();
      out.ascii(name).append((byte) '=');
      Object value = ordered != null ? ordered.at(i) : values.get(name);
      if (value instanceof Boolean b) {
        out.flag(b);
      } else {
        out.number((Double) value);
      }
    }
    out.append((byte) ' ').number(r.timestamp().toEpochMilli());
  }

  /** The lines of the readings, newline-separated. */
  public static String lines(List<Reading> batch) {
    LineBuffer out = new LineBuffer(batch.size() * 140 + 16);
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        out.append((byte) '\n');
      }
      append(out, batch.get(i));
    }
    return out.toString();
  }
}
