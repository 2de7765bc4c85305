package smarthome.producer.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.readings.Reading;

/** A simulated week per type: values stay in range and follow the daily shape. */
class SignalModelTest {
  static final Instant END = Instant.parse("2026-06-08T00:00:00Z");

  static List<Reading> week(DeviceType type, int devices) {
    Fleet fleet = Fleet.create(devices, "d", List.of(type), Fleet.defaultLocations(), 11, END);
    CollectingEvents out = new CollectingEvents();
    Backfill.run(fleet, new Backfill.Plan(Duration.ofDays(7), Duration.ofMinutes(5), 0, 0, END), out);
    return out.readings;
  }

  static double hour(Reading r) {
    return SignalModel.hourOfDay(r.timestamp());
  }

  @Test
  void everyValueOfEveryTypeStaysInsideTheTableRanges() {
    for (DeviceType t : DeviceType.values()) {
      for (Reading r : week(t, 3)) {
        for (FieldSpec f : t.fields()) {
          if (f.isNumber()) {
            double v = r.number(f.name());
            assertTrue(v >= f.min() && v <= f.max(), t + "." + f.name() + "=" + v);
          }
        }
      }
    }
  }

  @Test
  void thermostatsAreWarmestInTheAfternoonAndHumidityMovesAgainstTemperature() {
    List<Reading> rs = week(DeviceType.THERMOSTAT, 1);
    double afternoon = avg(rs, r -> hour(r) >= 15 && hour(r) < 17, "temperature");
    double night = avg(rs, r -> hour(r) >= 3 && hour(r) < 5, "temperature");
    assertTrue(afternoon > night + 2, afternoon + " vs " + night);
    double humAfternoon = avg(rs, r -> hour(r) >= 15 && hour(r) < 17, "humidity");
    double humNight = avg(rs, r -> hour(r) >= 3 && hour(r) < 5, "humidity");
    assertTrue(humAfternoon < humNight, humAfternoon + " vs " + humNight);
    // pressure drifts slowly: no 5-minute jump above 3 hPa
    for (int i = 1; i < rs.size(); i++) {
      assertTrue(Math.abs(rs.get(i).number("pressure") - rs.get(i - 1).number("pressure")) < 3);
    }
  }

  @Test
  void motionSensorsFireMoreByDay() {
    List<Reading> rs = week(DeviceType.MOTION_SENSOR, 4);
    double day = rate(rs, r -> hour(r) >= 9 && hour(r) < 21, "motion_detected");
    double night = rate(rs, r -> hour(r) >= 0 && hour(r) < 6, "motion_detected");
    assertTrue(day > 3 * night, day + " vs " + night);
    assertTrue(night > 0, "but not never at night");
  }

  @Test
  void cameraMotionGoesWithBrightness() {
    List<Reading> rs = week(DeviceType.CAMERA, 4);
    double bright = rate(rs, r -> r.number("brightness") > 60, "motion_detected");
    double dark = rate(rs, r -> r.number("brightness") < 10, "motion_detected");
    assertTrue(bright > 2 * dark, bright + " vs " + dark);
    assertTrue(avg(rs, r -> hour(r) >= 12 && hour(r) < 14, "brightness")
        > avg(rs, r -> hour(r) < 4, "brightness") + 50);
  }

  @Test
  void doorLockBatteriesDrainSlowlyAndLocksToggleAFewTimesADay() {
    List<Reading> rs = week(DeviceType.DOOR_LOCK, 1);
    int unlocks = 0;
    for (int i = 1; i < rs.size(); i++) {
      assertTrue(rs.get(i).number("battery_level") <= rs.get(i - 1).number("battery_level"));
      if (rs.get(i - 1).flag("locked") && !rs.get(i).flag("locked")) {
        unlocks++;
      }
    }
    double drained = rs.get(0).number("battery_level") - rs.get(rs.size() - 1).number("battery_level");
    assertTrue(drained > 1 && drained < 10, "drained " + drained + " % in a week");
    assertTrue(unlocks >= 7 && unlocks <= 70, unlocks + " unlocks in a week");
  }

  @Test
  void smartPlugsAccumulateEnergyOnlyWhileOn() {
    List<Reading> rs = week(DeviceType.SMART_PLUG, 3);
    Map<String, List<Reading>> byDevice = new java.util.TreeMap<>();
    rs.forEach(r -> byDevice.computeIfAbsent(r.deviceId(), k -> new ArrayList<>()).add(r));
    int toggles = 0;
    for (List<Reading> series : byDevice.values()) {
      for (int i = 1; i < series.size(); i++) {
        double before = series.get(i - 1).number("energy_usage");
        double now = series.get(i).number("energy_usage");
        assertTrue(now >= before, "the meter never runs backwards");
        if (!series.get(i - 1).flag("power_on")) {
          assertEquals(before, now, 1e-9, "no energy while off");
        }
        if (series.get(i - 1).flag("power_on") != series.get(i).flag("power_on")) {
          toggles++;
        }
      }
    }
    assertTrue(toggles >= 3 * 7 && toggles <= 3 * 7 * 10, toggles + " toggles");
  }

  private interface Filter {
    boolean test(Reading r);
  }

  private static double avg(List<Reading> rs, Filter f, String field) {
    return rs.stream().filter(f::test).mapToDouble(r -> r.number(field)).average().orElseThrow();
  }

  private static double rate(List<Reading> rs, Filter f, String field) {
    return rs.stream().filter(f::test).mapToDouble(r -> r.flag(field) ? 1 : 0).average().orElseThrow();
  }
}
