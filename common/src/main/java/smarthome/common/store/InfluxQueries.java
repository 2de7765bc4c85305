package smarthome.common.store;

import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;

/**
 * InfluxQL the API sends, built from our own identifiers only; device ids and times are bound
 * parameters ($id, $s, $e). Shared with the query benchmark, which must send the same statement.
 */
public final class InfluxQueries {
  private InfluxQueries() {}

  /**
   * A device's raw points between $s (inclusive) and $e, oldest first: only the type's fields when
   * the type is known (less for InfluxDB to read and send), every field otherwise.
   */
  public static String raw(DeviceType type, int limit) {
    StringBuilder q = new StringBuilder("SELECT ");
    if (type == null) {
      q.append('*');
    } else {
      q.append("\"device_type\"");
      for (FieldSpec f : type.fields()) {
        q.append(", \"").append(f.name()).append('"');
      }
    }
    return q.append(" FROM ").append(Influx.MEASUREMENT)
        .append(" WHERE device_id = $id AND time >= $s AND time < $e ORDER BY time ASC LIMIT ")
        .append(limit).toString();
  }
}
