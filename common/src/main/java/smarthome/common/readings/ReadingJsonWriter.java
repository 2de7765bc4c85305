package smarthome.common.readings;

import java.util.List;
import smarthome.common.devices.FieldSpec;
import smarthome.common.json.Timestamps;

/** Writes a reading as its contract JSON (what {@link ReadingCodec#encode} returns). */
final class ReadingJsonWriter {
  private ReadingJsonWriter() {}

  /**
   * Writes the JSON directly: every string in a valid reading (a UUID, a validated device id, a
   * type id, our own timestamp format, field names from the table) needs no escaping.
   */
  static byte[] write(Reading r) {
    StringBuilder b = new StringBuilder(192);
    b.append("{\"event_id\":\"").append(r.eventId())
        .append("\",\"device_id\":\"").append(r.deviceId())
        .append("\",\"device_type\":\"").append(r.deviceType().wire())
        .append("\",\"timestamp\":\"").append(Timestamps.format(r.timestamp()))
        .append("\",\"values\":{");
    List<FieldSpec> fields = r.deviceType().fields();
    FieldValues values = (FieldValues) r.values();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append('"').append(fields.get(i).name()).append("\":");
      Object v = values.at(i);
      if (v instanceof Boolean bool) {
        b.append(bool.booleanValue());
      } else {
        b.append(((Double) v).doubleValue());
      }
    }
    b.append("}}");
    int n = b.length();
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) b.charAt(i); // ASCII only, as said above
    }
    return out;
  }
}
