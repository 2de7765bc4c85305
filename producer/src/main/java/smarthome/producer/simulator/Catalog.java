package smarthome.producer.simulator;

import java.util.List;
import java.util.Map;
import smarthome.common.devices.DeviceType;

/** Fixed vocabularies of the simulated house: rooms, and makes and models per device type. */
final class Catalog {
  static final List<String> LOCATIONS = List.of("living_room", "kitchen", "bedroom",
      "kids_room", "bathroom", "hallway", "office", "garage", "front_door", "back_door",
      "garden", "basement");

  /** Where a device of a type is plausibly mounted, among {@link #LOCATIONS}. */
  static final Map<DeviceType, List<String>> PLACES = Map.of(
      DeviceType.THERMOSTAT, List.of("living_room", "bedroom", "kids_room", "office", "hallway",
          "basement"),
      DeviceType.CAMERA, List.of("front_door", "back_door", "garden", "garage", "living_room"),
      DeviceType.MOTION_SENSOR, List.of("hallway", "living_room", "kitchen", "garage",
          "basement", "office"),
      DeviceType.DOOR_LOCK, List.of("front_door", "back_door", "garage"),
      DeviceType.SMART_PLUG, List.of("kitchen", "living_room", "office", "bedroom", "garage",
          "kids_room"));

  record Make(String manufacturer, String model) {}

  static final Map<DeviceType, List<Make>> MAKES = Map.of(
      DeviceType.THERMOSTAT, List.of(new Make("Google Nest", "Learning Thermostat 4th gen"),
          new Make("ecobee", "SmartThermostat Premium"), new Make("Honeywell", "T9")),
      DeviceType.CAMERA, List.of(new Make("Arlo", "Pro 5S"), new Make("Ring", "Stick Up Cam"),
          new Make("Reolink", "Argus 3")),
      DeviceType.MOTION_SENSOR, List.of(new Make("Philips Hue", "Motion Sensor"),
          new Make("Aqara", "Motion Sensor P1"), new Make("Ring", "Motion Detector")),
      DeviceType.DOOR_LOCK, List.of(new Make("Yale", "Assure Lock 2"),
          new Make("August", "Wi-Fi Smart Lock"), new Make("Schlage", "Encode Plus")),
      DeviceType.SMART_PLUG, List.of(new Make("TP-Link", "Kasa EP25"),
          new Make("Eve", "Energy"), new Make("Meross", "MSS110")));

  private Catalog() {}
}
