package smarthome.producer.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import smarthome.common.devices.DeviceType;

/** Parsers for the CLI's human-friendly values: 5m, 24h, 2000/s, thermostat=2,camera=1. */
final class Parsing {
  private Parsing() {}

  /** 500ms, 30s, 5m, 24h, 7d. */
  static Duration duration(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return positive(Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2))), s);
      }
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return positive(switch (t.charAt(t.length() - 1)) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        case 'd' -> Duration.ofDays(n);
        default -> throw new IllegalArgumentException();
      }, s);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + s + "' is not a duration like 500ms, 30s, 5m, 24h or 7d");
    }
  }

  private static Duration positive(Duration d, String s) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException("'" + s + "' must be positive");
    }
    return d;
  }

  /** 2000/s, 120/m, 2000 (per second), or max. */
  static double rate(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("max")) {
      return Double.POSITIVE_INFINITY;
    }
    try {
      double per = 1;
      if (t.endsWith("/s")) {
        t = t.substring(0, t.length() - 2);
      } else if (t.endsWith("/m")) {
        t = t.substring(0, t.length() - 2);
        per = 60;
      }
      double v = Double.parseDouble(t) / per;
      if (!(v > 0) || Double.isInfinite(v)) {
        throw new IllegalArgumentException();
      }
      return v;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("'" + s + "' is not a rate like 2000/s, 120/m or max");
    }
  }

  /** thermostat,camera or thermostat=2,camera=1: the sequence of types devices cycle through. */
  static List<DeviceType> mix(String s) {
    List<DeviceType> out = new ArrayList<>();
    for (String part : s.split(",")) {
      String[] kv = part.trim().split("=", 2);
      DeviceType type = DeviceType.fromWire(kv[0].trim()).orElseThrow(() -> new IllegalArgumentException(
          "unknown device type '" + kv[0].trim() + "' (thermostat, camera, motion_sensor, door_lock, smart_plug)"));
      int weight;
      try {
        weight = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : 1;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("weight of " + kv[0].trim() + " must be a whole number");
      }
      if (weight < 0 || weight > 1000) {
        throw new IllegalArgumentException("weight of " + kv[0].trim() + " must be 0-1000");
      }
      for (int i = 0; i < weight; i++) {
        out.add(type);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("the type mix selects no device type");
    }
    return out;
  }
}
