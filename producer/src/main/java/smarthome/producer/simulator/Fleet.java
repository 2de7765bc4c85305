package smarthome.producer.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import smarthome.common.devices.Device;
import smarthome.common.devices.DeviceIds;
import smarthome.common.devices.DeviceType;
import smarthome.common.json.Timestamps;

/**
 * A house full of devices, reproducible from a seed: ids {@code <prefix><n>} (device_1, device_2,
 * ... like the seed service), types cycling through the mix, rooms from the fixed set.
 */
public final class Fleet {
  private final List<SimDevice> devices;

  private Fleet(List<SimDevice> devices) {
    this.devices = devices;
  }

  /**
   * @param mix the type sequence to cycle through, e.g. [thermostat, thermostat, camera]
   * @param locations rooms to choose from; devices prefer the rooms that suit their type
   * @param now created_at and updated_at are set relative to this instant
   */
  public static Fleet create(int count, String idPrefix, List<DeviceType> mix,
      List<String> locations, long seed, Instant now) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one device");
    }
    if (mix.isEmpty() || locations.isEmpty()) {
      throw new IllegalArgumentException("the type mix and the locations must not be empty");
    }
    List<SimDevice> out = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String id = DeviceIds.check(idPrefix + i);
      long deviceSeed = seed * 1_000_003L + i;
      Random meta = new Random(deviceSeed ^ 0x5DEECE66DL);
      DeviceType type = mix.get((i - 1) % mix.size());
      List<String> suited = Catalog.PLACES.get(type).stream().filter(locations::contains).toList();
      List<String> rooms = suited.isEmpty() ? locations : suited;
      Catalog.Make make = Catalog.MAKES.get(type).get(meta.nextInt(Catalog.MAKES.get(type).size()));
      String firmware = (1 + meta.nextInt(4)) + "." + meta.nextInt(10) + "." + meta.nextInt(20);
      Instant created = now.minus(Duration.ofDays(30 + meta.nextInt(700)));
      Instant maintained = meta.nextInt(4) == 0 ? null
          : now.minus(Duration.ofDays(1 + meta.nextInt(25)));
      Device d = new Device(id, type, rooms.get(meta.nextInt(rooms.size())), make.manufacturer(),
          make.model(), firmware, trunc(maintained), trunc(created), trunc(now));
      out.add(new SimDevice(d, deviceSeed));
    }
    return new Fleet(List.copyOf(out));
  }

  public static List<DeviceType> defaultMix() {
    return List.of(DeviceType.values());
  }

  public static List<String> defaultLocations() {
    return Catalog.LOCATIONS;
  }

  public List<Device> devices() {
    return devices.stream().map(s -> s.device).toList();
  }

  List<SimDevice> simDevices() {
    return devices;
  }

  public int size() {
    return devices.size();
  }

  private static Instant trunc(Instant t) {
    return t == null ? null : Timestamps.parse(Timestamps.format(t));
  }
}
