package smarthome.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import smarthome.common.images.Images;
import smarthome.producer.simulator.Fleet;
import smarthome.producer.simulator.PublishingEvents;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Stores;
import smarthome.testkit.TestStack;
import smarthome.testkit.WorkerProcess;

/** N events of each kind published, exactly N stored; image bytes match their sha256. */
class ExactCountsIT {
  @Test
  void everyEventIsStoredExactlyOnce() throws Exception {
    String prefix = Traffic.prefix("exact");
    try (Stores stores = TestStack.stores(); JavaProcess worker = WorkerProcess.start("readings,devices,logs,images")) {
      // Given a backfill of 20 devices (4 cameras) over 16 h at one reading a minute
      PublishingEvents.Counts sent = Traffic.backfill(prefix, 20, Fleet.defaultMix(),
          Duration.ofHours(16), Duration.ofMinutes(1), 10, 3, Traffic.now());
      assertEquals(20 * 960, sent.readings());
      assertEquals(200, sent.logs());
      assertEquals(12, sent.images());

      // When the worker has drained it, Then every store holds exactly what was sent
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
          stores.points(prefix) == sent.readings() && stores.logs(prefix) == sent.logs()
              && stores.devices(prefix) == sent.devices() && stores.images(prefix) == sent.images());
      // And stays so (nothing arrives twice later)
      Thread.sleep(2000);
      assertEquals(sent.readings(), stores.points(prefix));
      assertEquals(sent.logs(), stores.logs(prefix));
      assertEquals(sent.devices(), stores.devices(prefix));
      assertEquals(sent.images(), stores.images(prefix));
      for (String[] row : stores.imageRows(prefix)) {
        byte[] bytes = stores.object(row[0]);
        assertEquals(row[1], Images.sha256Hex(bytes), row[0]);
        assertEquals(Long.parseLong(row[2]), bytes.length);
        assertTrue(row[0].startsWith("images/" + prefix), row[0]);
      }
      assertTrue(worker.alive());
    }
  }

  @Test
  void replayingTheSameEventsStoresNothingTwice() throws Exception {
    String prefix = Traffic.prefix("replay");
    java.time.Instant end = Traffic.now();
    try (Stores stores = TestStack.stores(); JavaProcess worker = WorkerProcess.start("readings,logs")) {
      // Given the same backfill (same seed, same window) published twice
      PublishingEvents.Counts first = Traffic.backfill(prefix, 5, Fleet.defaultMix(),
          Duration.ofHours(2), Duration.ofMinutes(1), 10, 0, end);
      Traffic.backfill(prefix, 5, Fleet.defaultMix(), Duration.ofHours(2), Duration.ofMinutes(1), 10, 0, end);
      // Then each reading and log is stored once
      await().atMost(Duration.ofSeconds(60)).until(() ->
          stores.points(prefix) == first.readings() && stores.logs(prefix) == first.logs());
      Thread.sleep(2000);
      assertEquals(first.readings(), stores.points(prefix));
      assertEquals(first.logs(), stores.logs(prefix));
      assertTrue(worker.alive());
    }
  }
}
