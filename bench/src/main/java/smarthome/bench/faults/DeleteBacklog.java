package smarthome.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import smarthome.common.devices.Device;
import smarthome.common.devices.DeviceType;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;

/** 6. A device deleted while a backlog of its readings waits in Kafka: nothing of it comes back. */
final class DeleteBacklog {
  private final Harness h;
  private final Scenarios s;
  private final ApiProcess api;

  DeleteBacklog(Harness h, Scenarios s, ApiProcess api) {
    this.h = h;
    this.s = s;
    this.api = api;
  }

  Outcome run() throws Exception {
    String prefix = Harness.prefix("delbk");
    String dev = prefix + "1";
    Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    // Given a device the stores know
    try (Publisher p = s.publisher("faults-delete")) {
      p.device(new Device(dev, DeviceType.THERMOSTAT, "office", "Honeywell", "T9", "1.0", null, t0, t0));
      for (int i = 0; i < 100; i++) {
        p.reading(thermostat(dev, t0.plusSeconds(i)));
      }
    }
    try (Harness.Worker w = h.worker("readings,devices,logs", "faults")) {
      Harness.until(Duration.ofSeconds(60), () -> s.points(prefix) >= 100);
    }
    // And a backlog of readings and logs in Kafka, with no worker running
    int backlog = 2000;
    try (Publisher p = s.publisher("faults-delete")) {
      for (int i = 0; i < backlog; i++) {
        Instant t = t0.plusSeconds(200 + i);
        p.reading(thermostat(dev, t));
        if (i % 10 == 0) {
          p.log(new LogEvent(UUID.randomUUID(), dev, t, LogLevel.INFO, "backlog", "line " + i));
        }
      }
    }
    // When it is deleted, then the worker drains the backlog
    var r = api.send("DELETE", "/devices/" + dev, ApiProcess.ADMIN);
    long t1 = System.nanoTime();
    boolean drained;
    try (Harness.Worker w = h.worker("readings,devices,logs", "faults")) {
      // the backlog is consumed: every event of it dropped by the watermark, no lag left
      drained = Harness.until(Duration.ofSeconds(90), () -> w.dropped("readings") >= backlog
          && w.dropped("logs") >= backlog / 10 && w.lag("readings") == 0 && w.lag("logs") == 0) >= 0;
      Harness.graceForLateWrites(Duration.ofSeconds(2));
    }
    double seconds = (System.nanoTime() - t1) / 1e9;
    long points = s.points(prefix);
    long logs = h.stores.logs(prefix);
    long devices = h.stores.devices(prefix);
    int api404 = api.send("GET", "/devices/" + dev, ApiProcess.READ).statusCode();
    boolean ok = drained && r.statusCode() == 200 && points == 0 && logs == 0 && devices == 0 && api404 == 404;
    return new Outcome("delete with backlog", backlog + backlog / 10, points + logs, 0, 0, seconds, ok,
        "DELETE " + r.statusCode() + "; backlog " + (drained ? "dropped by the watermark" : "NOT drained")
            + "; after the drain " + points + " points, " + logs + " logs, "
            + devices + " device rows; GET " + api404);
  }

  static Reading thermostat(String dev, Instant t) {
    return new Reading(UUID.randomUUID(), dev, DeviceType.THERMOSTAT, t,
        Map.of("temperature", 21.0, "humidity", 40.0, "pressure", 1010.0));
  }
}
