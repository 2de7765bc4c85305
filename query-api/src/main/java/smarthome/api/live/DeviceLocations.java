package smarthome.api.live;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import smarthome.api.devices.DeviceRepository;
import smarthome.api.devices.DeviceView;

/**
 * Devices' locations for the live streams' location filter (the state events do not carry it):
 * asked from PostgreSQL once per device and minute, at most {@link #MAX} remembered.
 */
@Singleton
public class DeviceLocations {
  static final int MAX = 10_000;
  static final long TTL_MS = 60_000;

  private record Entry(String location, long at) {}

  private final DeviceRepository devices;
  private final Map<String, Entry> cache = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX;
    }
  };

  public DeviceLocations(DeviceRepository devices) {
    this.devices = devices;
  }

  /** The device's location; null when unknown or PostgreSQL cannot say now. */
  public synchronized String of(String deviceId) {
    long now = System.currentTimeMillis();
    Entry e = cache.get(deviceId);
    if (e == null || now - e.at() > TTL_MS) {
      String location;
      try {
        location = devices.find(deviceId).map(DeviceView::location).orElse(null);
      } catch (RuntimeException ex) {
        location = e == null ? null : e.location();
      }
      e = new Entry(location, now);
      cache.put(deviceId, e);
    }
    return e.location();
  }
}
