package smarthome.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.producer.simulator.PublishingEvents;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Stores;
import smarthome.testkit.TestStack;
import smarthome.testkit.WorkerProcess;

/** kill -9 in the middle of a 200k-reading run, then a restart: all present, none doubled. */
class KillRestartIT {
  @Test
  void aKilledWorkerLosesNothingAfterRestart() throws Exception {
    String prefix = Traffic.prefix("kill");
    try (Stores stores = TestStack.stores()) {
      // Given 200,000 readings (100 devices x 2000 minutes) waiting in Kafka, and logs beside them
      PublishingEvents.Counts sent = Traffic.backfill(prefix, 100,
          List.of(DeviceType.THERMOSTAT, DeviceType.DOOR_LOCK), Duration.ofMinutes(2000),
          Duration.ofMinutes(1), 20, 0, Traffic.now());
      assertEquals(200_000, sent.readings());

      // When the worker is killed with SIGKILL part-way through
      JavaProcess first = WorkerProcess.start("readings,logs");
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .until(() -> stores.points(prefix) >= 40_000);
      first.kill9();
      assertFalse(first.alive());
      long atKill = stores.points(prefix);

      // And started again
      try (JavaProcess second = WorkerProcess.start("readings,logs")) {
        // Then every reading and log arrives, and none twice
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
            .until(() -> stores.points(prefix) == sent.readings() && stores.logs(prefix) == sent.logs());
        Thread.sleep(2000);
        assertEquals(sent.readings(), stores.points(prefix));
        assertEquals(sent.logs(), stores.logs(prefix));
        System.out.printf("killed at %d of %d readings; all stored after restart%n", atKill, sent.readings());
      }
    }
  }
}
