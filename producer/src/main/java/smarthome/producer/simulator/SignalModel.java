package smarthome.producer.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import smarthome.common.devices.DeviceType;

/**
 * Plausible values per device type, always inside the ranges of the device-type table. Time of day
 * is taken in UTC (the simulated house lives on UTC).
 */
abstract class SignalModel {
  abstract Map<String, Object> next(Instant t, double hoursSinceLast, Random rng);

  static SignalModel of(DeviceType type, Random rng) {
    return switch (type) {
      case THERMOSTAT -> new Thermostat(rng);
      case CAMERA -> new Camera();
      case MOTION_SENSOR -> new MotionSensor(rng);
      case DOOR_LOCK -> new DoorLock(rng);
      case SMART_PLUG -> new SmartPlug(rng);
    };
  }

  /** Hour of day in [0, 24). */
  static double hourOfDay(Instant t) {
    var z = t.atOffset(ZoneOffset.UTC);
    return z.getHour() + z.getMinute() / 60.0 + z.getSecond() / 3600.0;
  }

  /** Daylight in [0, 1]: 0 at night, a sine bump from 6:00 to 20:00, highest at 13:00. */
  static double daylight(Instant t) {
    double h = hourOfDay(t);
    if (h < 6 || h > 20) {
      return 0;
    }
    return Math.sin(Math.PI * (h - 6) / 14);
  }

  static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  static double round(double v, int decimals) {
    double f = Math.pow(10, decimals);
    return Math.round(v * f) / f;
  }

  /** Probability that an event with {@code perDay} expected occurrences happens in this step. */
  static double perStep(double perDay, double hours) {
    return 1 - Math.exp(-perDay * hours / 24);
  }

  /** A daily temperature curve (coolest at 4:00, warmest at 16:00) with noise; humidity against it. */
  static final class Thermostat extends SignalModel {
    private final double base;
    private final double swing;
    private double pressure;

    Thermostat(Random rng) {
      base = 20 + rng.nextDouble() * 2;
      swing = 1.5 + rng.nextDouble() * 1.5;
      pressure = 1005 + rng.nextDouble() * 16;
    }

    @Override
    Map<String, Object> next(Instant t, double hours, Random rng) {
      double curve = -Math.cos(2 * Math.PI * (hourOfDay(t) - 4) / 24); // -1 at 4:00, +1 at 16:00
      double temp = clamp(base + swing * curve + rng.nextGaussian() * 0.15, -40, 85);
      double humidity = clamp(48 - 4 * (temp - base) + rng.nextGaussian() * 0.8, 15, 90);
      // pressure drifts slowly: a random walk of about 1 hPa per hour, pulled back to 1013
      pressure = clamp(pressure + rng.nextGaussian() * Math.sqrt(Math.max(hours, 1e-4))
          + (1013 - pressure) * 0.01 * hours, 960, 1050);
      Map<String, Object> v = new LinkedHashMap<>(6);
      v.put("temperature", round(temp, 2));
      v.put("humidity", round(humidity, 1));
      v.put("pressure", round(pressure, 1));
      return v;
    }
  }

  /** Brightness follows daylight (plus porch light at dusk); motion is likelier when it is bright. */
  static final class Camera extends SignalModel {
    @Override
    Map<String, Object> next(Instant t, double hours, Random rng) {
      double h = hourOfDay(t);
      double lamp = (h >= 18 && h < 23) ? 25 : 0;
      double brightness = clamp(3 + 90 * daylight(t) + lamp + rng.nextGaussian() * 3, 0, 100);
      double pMotion = 0.03 + 0.35 * brightness / 100;
      Map<String, Object> v = new LinkedHashMap<>(4);
      v.put("motion_detected", rng.nextDouble() < pMotion);
      v.put("brightness", round(brightness, 1));
      return v;
    }
  }

  /** Random motion events, many more by day (7:00-23:00) than at night; a fixed sensitivity. */
  static final class MotionSensor extends SignalModel {
    private final double sensitivity;

    MotionSensor(Random rng) {
      sensitivity = round(0.5 + rng.nextDouble() * 0.45, 2);
    }

    @Override
    Map<String, Object> next(Instant t, double hours, Random rng) {
      double h = hourOfDay(t);
      double p = (h >= 7 && h < 23 ? 0.25 : 0.02) * (0.6 + sensitivity * 0.5);
      Map<String, Object> v = new LinkedHashMap<>(4);
      v.put("motion_detected", rng.nextDouble() < p);
      v.put("sensitivity", sensitivity);
      return v;
    }
  }

  /** Toggles a few times a day, relocking soon after; the battery drains about 0.4 % a day. */
  static final class DoorLock extends SignalModel {
    private boolean locked = true;
    private double battery;

    DoorLock(Random rng) {
      battery = 55 + rng.nextDouble() * 45;
    }

    @Override
    Map<String, Object> next(Instant t, double hours, Random rng) {
      double h = hourOfDay(t);
      double unlocksPerDay = (h >= 7 && h < 22) ? 5 : 0.3;
      if (locked) {
        if (rng.nextDouble() < perStep(unlocksPerDay, hours)) {
          locked = false;
        }
      } else if (rng.nextDouble() < perStep(24 * 3, hours)) { // relocks after ~20 minutes
        locked = true;
      }
      battery = clamp(battery - 0.4 * hours / 24 - (locked ? 0 : 0.001), 0, 100);
      Map<String, Object> v = new LinkedHashMap<>(4);
      v.put("locked", locked);
      v.put("battery_level", round(battery, 2));
      return v;
    }
  }

  /** Switched a few times a day; the energy meter only counts while the plug is on. */
  static final class SmartPlug extends SignalModel {
    private final double watts;
    private boolean on;
    private double energyKwh;

    SmartPlug(Random rng) {
      watts = 5 + rng.nextDouble() * 1200;
      on = rng.nextBoolean();
      energyKwh = round(rng.nextDouble() * 50, 3);
    }

    @Override
    Map<String, Object> next(Instant t, double hours, Random rng) {
      if (on) {
        energyKwh = Math.min(energyKwh + watts * hours / 1000, 1_000_000);
      }
      if (rng.nextDouble() < perStep(4, hours)) {
        on = !on;
      }
      Map<String, Object> v = new LinkedHashMap<>(4);
      v.put("power_on", on);
      v.put("energy_usage", round(energyKwh, 4));
      return v;
    }
  }
}
