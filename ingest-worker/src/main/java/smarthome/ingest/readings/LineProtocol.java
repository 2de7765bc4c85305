package smarthome.ingest.readings;

import java.util.List;
import java.util.Map;
import smarthome.common.devices.FieldSpec;
import smarthome.common.readings.FieldValues;
import smarthome.common.readings.Reading;
import smarthome.common.store.Influx;

/**
 * Readings as InfluxDB line protocol with millisecond timestamps, in {@link Influx#MEASUREMENT}:
 * {@code <measurement>,device_id=X,device_type=Y temperature=21.5,humidity=40.0 1767225600000}.
 *
 * <p>No escaping is needed and none is done: device ids are validated to [A-Za-z0-9_.:-], device
 * types and field names come from the type table. Numbers are always written as floats so a field
 * never changes type; flags as true/false.
 */
public final class LineProtocol {
  private LineProtocol() {}

  public static void append(StringBuilder out, Reading r) {
    out.append(Influx.MEASUREMENT)
        .append(",device_id=").append(r.deviceId())
        .append(",device_type=").append(r.deviceType().wire())
        .append(' ');
    List<FieldSpec> fields = r.deviceType().fields();
    Map<String, Object> values = r.values();
    FieldValues ordered = values instanceof FieldValues fv ? fv : null;
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      String name = fields.get(i).name();
      out.append(name).append('=');
      Object value = ordered != null ? ordered.at(i) : values.get(name);
      if (value instanceof Boolean b) {
        out.append(b ? "true" : "false");
      } else {
        appendDouble(out, (Double) value);
      }
    }
    out.append(' ').append(r.timestamp().toEpochMilli());
  }

  /**
   * A double as decimal text that parses back to exactly the same double. Sensor values have few
   * decimals: those take a fast path through long arithmetic, checked by the round trip; anything
   * else falls back to {@link Double#toString}.
   */
  static void appendDouble(StringBuilder out, double d) {
    if (Math.abs(d) < 1e9) {
      long scaled = Math.round(d * 1_000_000);
      if ((double) scaled / 1_000_000 == d) {
        if (scaled < 0) {
          out.append('-');
          scaled = -scaled;
        }
        out.append(scaled / 1_000_000);
        long frac = scaled % 1_000_000;
        if (frac != 0) {
          out.append('.');
          int digits = 6;
          while (frac % 10 == 0) {
            frac /= 10;
            digits--;
          }
          String f = Long.toString(frac);
          for (int i = f.length(); i < digits; i++) {
            out.append('0');
          }
          out.append(f);
        }
        return;
      }
    }
    out.append(d);
  }

  public static String lines(List<Reading> batch) {
    StringBuilder sb = new StringBuilder(batch.size() * 140);
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      append(sb, batch.get(i));
    }
    return sb.toString();
  }
}
