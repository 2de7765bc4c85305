package smarthome.common.readings;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import smarthome.common.devices.DeviceIds;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;

/**
 * One sensor reading. {@code values} holds exactly the fields of the device type, numbers as
 * finite {@link Double} inside the type's range and flags as {@link Boolean}, in table order.
 */
public record Reading(UUID eventId, String deviceId, DeviceType deviceType, Instant timestamp,
    Map<String, Object> values) {

  public Reading {
    Objects.requireNonNull(eventId, "event_id");
    DeviceIds.check(deviceId);
    Objects.requireNonNull(deviceType, "device_type");
    Objects.requireNonNull(timestamp, "timestamp");
    String problem = problemWith(deviceType, values);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    values = ordered(deviceType, values);
  }

  /** The value of a numeric field. */
  public double number(String field) {
    return (Double) values.get(field);
  }

  /** The value of a boolean field. */
  public boolean flag(String field) {
    return (Boolean) values.get(field);
  }

  /**
   * Why these values do not fit the type, or null when they do. Shared by the record's constructor
   * and the wire decoder so both refuse with the same words.
   */
  public static String problemWith(DeviceType type, Map<String, ?> values) {
    if (values == null) {
      return "values: missing";
    }
    boolean ordered = values instanceof FieldValues fv && fv.type() == type;
    List<FieldSpec> fields = type.fields();
    for (int i = 0; i < fields.size(); i++) {
      FieldSpec f = fields.get(i);
      Object v = ordered ? ((FieldValues) values).at(i) : values.get(f.name());
      if (v == null) {
        return "values: missing field " + f.name() + " for device_type " + type.wire();
      }
      if (f.isNumber()) {
        if (!(v instanceof Double d)) {
          return "values." + f.name() + " must be a number";
        }
        if (!Double.isFinite(d)) {
          return "values." + f.name() + " must be a finite number";
        }
        if (d < f.min() || d > f.max()) {
          return "values." + f.name() + " " + d + " is outside " + fmt(f.min()) + ".." + fmt(f.max());
        }
      } else if (!(v instanceof Boolean)) {
        return "values." + f.name() + " must be true or false";
      }
    }
    if (values.size() != type.fields().size()) {
      for (String k : values.keySet()) {
        if (!type.fieldNames().contains(k)) {
          return "values: field " + smarthome.common.json.Text.quote(k)
              + " does not belong to device_type " + type.wire();
        }
      }
    }
    return null;
  }

  private static Map<String, Object> ordered(DeviceType type, Map<String, Object> values) {
    if (values instanceof FieldValues fv && fv.type() == type) {
      return fv; // already in table order and immutable
    }
    Object[] out = new Object[type.fields().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(type.fields().get(i).name());
    }
    return new FieldValues(type, out);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
