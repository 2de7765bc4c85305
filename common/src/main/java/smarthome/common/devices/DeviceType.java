package smarthome.common.devices;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The device-type table of DESIGN.md: wire id and the exact fields a reading of the type carries. */
public enum DeviceType {
  THERMOSTAT("thermostat", "Thermostat",
      FieldSpec.number("temperature", -40, 85, "°C"),
      FieldSpec.number("humidity", 0, 100, "%"),
      FieldSpec.number("pressure", 300, 1100, "hPa")),
  CAMERA("camera", "Camera",
      FieldSpec.bool("motion_detected"),
      FieldSpec.number("brightness", 0, 100, "%")),
  MOTION_SENSOR("motion_sensor", "Motion Sensor",
      FieldSpec.bool("motion_detected"),
      FieldSpec.number("sensitivity", 0, 1, "")),
  DOOR_LOCK("door_lock", "Door Lock",
      FieldSpec.bool("locked"),
      FieldSpec.number("battery_level", 0, 100, "%")),
  SMART_PLUG("smart_plug", "Smart Plug",
      FieldSpec.bool("power_on"),
      FieldSpec.number("energy_usage", 0, 1_000_000, "kWh"));

  private static final Map<String, DeviceType> BY_WIRE =
      Arrays.stream(values()).collect(Collectors.toMap(DeviceType::wire, Function.identity()));

  private final String wire;
  private final String displayName;
  private final List<FieldSpec> fields;
  private final Set<String> fieldNames;

  DeviceType(String wire, String displayName, FieldSpec... fields) {
    this.wire = wire;
    this.displayName = displayName;
    this.fields = List.of(fields);
    this.fieldNames = Arrays.stream(fields).map(FieldSpec::name)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The snake_case id used on the wire, in the stores and in the API. */
  public String wire() {
    return wire;
  }

  public String displayName() {
    return displayName;
  }

  /** The fields in table order. */
  public List<FieldSpec> fields() {
    return fields;
  }

  public Set<String> fieldNames() {
    return fieldNames;
  }

  public Optional<FieldSpec> field(String name) {
    for (FieldSpec f : fields) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  public static Optional<DeviceType> fromWire(String wire) {
    return Optional.ofNullable(wire == null ? null : BY_WIRE.get(wire));
  }

  /** Every field name of every type, each once, in table order: the InfluxDB field keys. */
  public static Set<String> allFieldNames() {
    Set<String> all = new LinkedHashSet<>();
    for (DeviceType t : values()) {
      all.addAll(t.fieldNames);
    }
    return all;
  }

  @Override
  public String toString() {
    return wire;
  }
}
