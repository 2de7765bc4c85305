package smarthome.common.devices;

/**
 * One measured field of a device type: its wire name, JSON kind and, for numbers, the physically
 * sensible range. A value outside the range is an event error, not a measurement.
 */
public record FieldSpec(String name, Kind kind, double min, double max, String unit) {
  public enum Kind { NUMBER, BOOLEAN }

  static FieldSpec number(String name, double min, double max, String unit) {
    return new FieldSpec(name, Kind.NUMBER, min, max, unit);
  }

  static FieldSpec bool(String name) {
    return new FieldSpec(name, Kind.BOOLEAN, 0, 0, "");
  }

  public boolean isNumber() {
    return kind == Kind.NUMBER;
  }
}
