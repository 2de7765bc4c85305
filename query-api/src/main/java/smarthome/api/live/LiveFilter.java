package smarthome.api.live;

import java.util.function.Function;

/**
 * What one subscriber watches: one device's readings and state changes (deviceId set), or the
 * state changes of all devices, optionally only of one type, location or status.
 */
record LiveFilter(String deviceId, String deviceType, String location, String status) {
  static LiveFilter device(String id) {
    return new LiveFilter(id, null, null, null);
  }

  boolean oneDevice() {
    return deviceId != null;
  }

  /** @param locationOf a device's location (asked only when this filter has one); null when unknown */
  boolean matches(LiveEvent e, Function<String, String> locationOf) {
    if (oneDevice()) {
      return deviceId.equals(e.deviceId());
    }
    if (e.name().equals(LiveEvent.READING)) {
      return false;
    }
    return (deviceType == null || deviceType.equals(e.deviceType()))
        && (status == null || status.equals(e.status()))
        && (location == null || location.equals(locationOf.apply(e.deviceId())));
  }
}
