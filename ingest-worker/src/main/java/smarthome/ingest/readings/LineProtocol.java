package smarthome.ingest.readings;

import java.util.List;
import java.util.Map;
import smarthome.common.readings.Reading;
import smarthome.common.store.Influx;

/**
 * Readings as InfluxDB line protocol with millisecond timestamps:
 * {@code sensor_data,device_id=X,device_type=Y temperature=21.5,humidity=40.0 1767225600000}.
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
    boolean first = true;
    for (Map.Entry<String, Object> v : r.values().entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      out.append(v.getKey()).append('=');
      Object value = v.getValue();
      if (value instanceof Boolean b) {
        out.append(b ? "true" : "false");
      } else {
        out.append(((Double) value).doubleValue());
      }
    }
    out.append(' ').append(r.timestamp().toEpochMilli());
  }

  public static String lines(List<Reading> batch) {
    StringBuilder sb = new StringBuilder(batch.size() * 110);
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      append(sb, batch.get(i));
    }
    return sb.toString();
  }
}
