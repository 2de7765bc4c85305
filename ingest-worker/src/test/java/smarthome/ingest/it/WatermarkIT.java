package smarthome.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Stores;
import smarthome.testkit.TestStack;
import smarthome.testkit.WorkerProcess;

/** Events of a deleted device stamped before its DELETE never come back; later ones are a new life. */
class WatermarkIT {
  @Test
  void aBacklogOfADeletedDeviceIsNotStored() throws Exception {
    String prefix = Traffic.prefix("wm");
    String device = prefix + "1";
    Instant deletedAt = Traffic.now().minusSeconds(60);
    try (Stores stores = TestStack.stores()) {
      // Given the device was deleted (the API records the watermark first)
      stores.exec("insert into device_deletions (device_id, deleted_at) values (?, ?) "
          + "on conflict (device_id) do update set deleted_at = excluded.deleted_at",
          device, Timestamp.from(deletedAt));
      // And a backlog of its readings and logs stamped before the deletion, then some after it
      try (Publisher p = Traffic.publisher()) {
        for (int i = 0; i < 500; i++) {
          Instant t = deletedAt.minusSeconds(500 - i);
          p.reading(new Reading(UUID.randomUUID(), device, DeviceType.DOOR_LOCK, t,
              Map.of("locked", true, "battery_level", 50.0)));
          p.log(new LogEvent(UUID.randomUUID(), device, t, LogLevel.INFO, "old", "before delete"));
        }
        p.reading(new Reading(UUID.randomUUID(), device, DeviceType.DOOR_LOCK, deletedAt,
            Map.of("locked", true, "battery_level", 50.0)));
        for (int i = 1; i <= 30; i++) {
          Instant t = deletedAt.plusSeconds(i);
          p.reading(new Reading(UUID.randomUUID(), device, DeviceType.DOOR_LOCK, t,
              Map.of("locked", false, "battery_level", 49.0)));
          p.log(new LogEvent(UUID.randomUUID(), device, t, LogLevel.INFO, "new", "after delete"));
        }
      }
      // When the worker drains the topics
      try (JavaProcess worker = WorkerProcess.start("readings,logs")) {
        // Then only what was stamped after the deletion is stored
        await().atMost(Duration.ofSeconds(90)).until(() ->
            stores.points(prefix) == 30 && stores.logs(prefix) == 30);
        Thread.sleep(2000);
        assertEquals(30, stores.points(prefix));
        assertEquals(0, stores.count("select count(*) from system_logs where device_id = ? and "
            + "timestamp <= ?", device, Timestamp.from(deletedAt)));
        assertEquals(30, stores.logs(prefix));
      }
    }
  }
}
