package smarthome.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.producer.simulator.PublishingEvents;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Stores;
import smarthome.testkit.TestStack;
import smarthome.testkit.WorkerProcess;

/**
 * A store stopped for 20 s in the middle of a run, then started: everything arrives, and the worker
 * never exits. One test per store, each with the sink that uses it.
 */
class OutageIT {
  @AfterEach
  void everyServerBackUp() {
    TestStack.stack("up");
  }

  @Test
  void influxdbOutageDelaysReadingsButLosesNone() throws Exception {
    outage("influxdb", "readings", "infl", List.of(DeviceType.THERMOSTAT), 0, 0, true);
  }

  @Test
  void postgresOutageDelaysLogsButLosesNone() throws Exception {
    outage("postgres", "logs", "pgout", List.of(DeviceType.DOOR_LOCK), 40, 0, false);
  }

  @Test
  void s3OutageDelaysImagesButLosesNone() throws Exception {
    outage("s3", "images", "s3out", List.of(DeviceType.CAMERA), 0, 4, false);
  }

  private void outage(String server, String sink, String tag, List<DeviceType> mix, int logs,
      int images, boolean readings) throws Exception {
    String prefix = Traffic.prefix(tag);
    try (Stores stores = TestStack.stores(); JavaProcess worker = WorkerProcess.start(sink)) {
      // Given a first half that the worker stores
      PublishingEvents.Counts a = Traffic.backfill(prefix + "a", 10, mix, Duration.ofHours(10),
          Duration.ofMinutes(1), logs, images, Traffic.now());
      await().atMost(Duration.ofSeconds(90)).until(() -> stored(stores, prefix, readings, logs, images) > 0);

      // When the store goes away for 20 s while the second half is published
      TestStack.stack("stop", server);
      PublishingEvents.Counts b = Traffic.backfill(prefix + "b", 10, mix, Duration.ofHours(10),
          Duration.ofMinutes(1), logs, images, Traffic.now());
      Thread.sleep(20_000);
      assertTrue(worker.alive(), "the worker waits; it does not exit");
      TestStack.stack("start", server);

      // Then everything arrives, once
      long expected = readings ? a.readings() + b.readings() : logs > 0 ? a.logs() + b.logs()
          : a.images() + b.images();
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
          .until(() -> stored(stores, prefix, readings, logs, images) == expected);
      Thread.sleep(1000);
      assertEquals(expected, await().ignoreExceptions().until(
          () -> stored(stores, prefix, readings, logs, images), n -> n >= 0));
      assertTrue(worker.alive());
      assertTrue(worker.output().contains("store unavailable"), "the outage was noticed and retried");
    }
  }

  private static long stored(Stores s, String prefix, boolean readings, int logs, int images) {
    if (readings) {
      return s.points(prefix);
    }
    return logs > 0 ? s.logs(prefix) : s.images(prefix);
  }
}
