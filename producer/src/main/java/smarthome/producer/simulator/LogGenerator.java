package smarthome.producer.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import smarthome.common.devices.DeviceType;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;

/** Device log lines: mostly INFO, some DEBUG, a few WARN and rare ERROR, worded per type. */
final class LogGenerator {
  private record Line(LogLevel level, String eventType, String message) {}

  private static final List<Line> COMMON = List.of(
      new Line(LogLevel.DEBUG, "heartbeat", "heartbeat ok, rssi %d dBm"),
      new Line(LogLevel.DEBUG, "firmware_check", "firmware is up to date"),
      new Line(LogLevel.INFO, "connected", "connected to hub after %d ms"),
      new Line(LogLevel.WARN, "wifi_weak", "wifi signal weak: rssi %d dBm"),
      new Line(LogLevel.WARN, "reboot", "device rebooted (watchdog), uptime was %d s"),
      new Line(LogLevel.ERROR, "connection_lost", "lost connection to hub, retry %d"));

  private static final Map<DeviceType, List<Line>> BY_TYPE = Map.of(
      DeviceType.THERMOSTAT, List.of(
          new Line(LogLevel.INFO, "setpoint_changed", "setpoint changed to %d.5 °C"),
          new Line(LogLevel.INFO, "hvac_started", "heating started, stage %d"),
          new Line(LogLevel.INFO, "hvac_stopped", "heating stopped after %d min")),
      DeviceType.CAMERA, List.of(
          new Line(LogLevel.INFO, "motion_recorded", "motion clip recorded, %d s"),
          new Line(LogLevel.INFO, "stream_started", "live view opened by app, session %d"),
          new Line(LogLevel.WARN, "storage_high", "local storage %d%% full")),
      DeviceType.MOTION_SENSOR, List.of(
          new Line(LogLevel.INFO, "motion_event", "motion in zone %d"),
          new Line(LogLevel.INFO, "occupancy_cleared", "no motion for %d min")),
      DeviceType.DOOR_LOCK, List.of(
          new Line(LogLevel.INFO, "unlocked", "unlocked with code slot %d"),
          new Line(LogLevel.INFO, "locked", "auto-locked after %d s"),
          new Line(LogLevel.WARN, "low_battery", "battery low: %d%%"),
          new Line(LogLevel.ERROR, "jammed", "bolt jammed, attempt %d")),
      DeviceType.SMART_PLUG, List.of(
          new Line(LogLevel.INFO, "switched_on", "switched on by schedule %d"),
          new Line(LogLevel.INFO, "switched_off", "switched off after %d min"),
          new Line(LogLevel.WARN, "overcurrent", "current above limit: %d mA")));

  private LogGenerator() {}

  static LogEvent next(SimDevice d, Instant t) {
    var rng = d.rng;
    List<Line> own = BY_TYPE.get(d.device.deviceType());
    // 70 % type-specific lines, 30 % common ones
    Line line = rng.nextInt(10) < 7 ? own.get(rng.nextInt(own.size()))
        : COMMON.get(rng.nextInt(COMMON.size()));
    int n = line.message.contains("dBm") ? -40 - rng.nextInt(50) : 1 + rng.nextInt(99);
    return new LogEvent(d.eventId("log", t), d.id(), t, line.level, line.eventType,
        String.format(line.message, n));
  }
}
