package smarthome.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.producer.simulator.PublishingEvents;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Stores;
import smarthome.testkit.TestStack;
import smarthome.testkit.WorkerProcess;

/** Two worker processes on one sink, one joining and one leaving mid-run: exact counts. */
class RebalanceIT {
  @Test
  void aJoiningAndALeavingWorkerLoseAndDoubleNothing() throws Exception {
    String prefix = Traffic.prefix("rebal");
    try (Stores stores = TestStack.stores()) {
      PublishingEvents.Counts sent = Traffic.backfill(prefix, 60,
          List.of(DeviceType.SMART_PLUG, DeviceType.MOTION_SENSOR), Duration.ofMinutes(2000),
          Duration.ofMinutes(1), 10, 0, Traffic.now());
      JavaProcess first = WorkerProcess.start("readings,logs");
      await().atMost(Duration.ofSeconds(90)).until(() -> stores.points(prefix) >= 15_000);
      // a second worker joins: the partitions are shared
      try (JavaProcess second = WorkerProcess.start("readings,logs")) {
        await().atMost(Duration.ofSeconds(90)).until(() -> stores.points(prefix) >= 60_000);
        // the first one leaves (SIGTERM): its partitions move to the second
        assertEquals(0, first.stop(), "a graceful stop exits 0");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
            .until(() -> stores.points(prefix) == sent.readings() && stores.logs(prefix) == sent.logs());
        Thread.sleep(2000);
        assertEquals(sent.readings(), stores.points(prefix));
        assertEquals(sent.logs(), stores.logs(prefix));
      }
    }
  }
}
