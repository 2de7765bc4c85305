package smarthome.api.readings;

import java.nio.charset.StandardCharsets;
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
      Timestamps.append(b.append("{\"timestamp\":\""), row.time())
          .append("\",\"device_id\":\"").append(id)
          .append("\",\"device_type\":\"").append(row.type() == null ? type : row.type()).append('"');
      for (Map.Entry<String, Object> e : row.values().entrySet()) {
        b.append(",\"").append(e.getKey()).append("\":");
        appendValue(b, e.getValue(), counts);
      }
      b.append('}');
    }
    b.append(']');
    return b.toString().getBytes(StandardCharsets.US_ASCII); // ASCII only, as said above
  }

  /**
   * {@link #value}'s JSON text, the same characters as its {@code toString}, appended without a
   * String or a box per value (a 1,440-row answer has thousands).
   */
  private static void appendValue(StringBuilder b, Object v, boolean counts) {
    if (v == null || v instanceof Boolean) {
      b.append(v);
    } else if (counts) {
      b.append(((Number) v).longValue());
    } else {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        b.append(d);
      } else {
        b.append("null");
      }
    }
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
