package smarthome.api.readings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import smarthome.common.json.Timestamps;

/**
 * The rows as JSON, written by hand: every string here is a validated device id, a type id, a
 * field name from the table or our own timestamp format, so nothing needs escaping, and at a
 * thousand rows a request the generic generator's bookkeeping showed in the profile.
 */
final class ReadingsJson {
  private ReadingsJson() {}

  /** [{timestamp, device_id, device_type, <fields>}, ...]; counts are written as whole numbers. */
  static byte[] write(String id, SensorDataService.Rows answer) {
    String type = answer.type();
    List<ReadingRow> rows = answer.rows();
    boolean counts = answer.counts();
    StringBuilder b = new StringBuilder(64 + rows.size() * 150);
    b.append('[');
    for (int r = 0; r < rows.size(); r++) {
      ReadingRow row = rows.get(r);
      if (r > 0) {
        b.append(',');
      }
      b.append("{\"timestamp\":\"").append(Timestamps.format(Instant.ofEpochMilli(row.time())))
          .append("\",\"device_id\":\"").append(id)
          .append("\",\"device_type\":\"").append(row.type() == null ? type : row.type()).append('"');
      for (Map.Entry<String, Object> e : row.values().entrySet()) {
        b.append(",\"").append(e.getKey()).append("\":");
        b.append(value(e.getValue(), counts)); // null, a boolean or a number: their JSON is their text
      }
      b.append('}');
    }
    b.append(']');
    return b.toString().getBytes(StandardCharsets.US_ASCII); // ASCII only, as said above
  }

  /** A value as answered: a flag as it is, a count as a whole number, a number that is not finite as null. */
  static Object value(Object v, boolean counts) {
    if (v == null || v instanceof Boolean) {
      return v;
    }
    if (counts) {
      return ((Number) v).longValue();
    }
    double d = ((Number) v).doubleValue();
    return Double.isFinite(d) ? d : null;
  }
}
