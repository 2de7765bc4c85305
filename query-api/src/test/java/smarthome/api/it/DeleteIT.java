package smarthome.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Fleet;
import smarthome.producer.simulator.Progress;
import smarthome.producer.simulator.PublishingEvents;
import smarthome.testkit.Stores;
import smarthome.testkit.TestStack;

/** DELETE leaves nothing of the device in InfluxDB, PostgreSQL or S3, checked in each store. */
class DeleteIT {
  @Test
  void deleteErasesTheDeviceInEveryStore() throws Exception {
    String prefix = "del" + UUID.randomUUID().toString().substring(0, 8) + "_";
    String cam = prefix + "1";
    try (Api api = Api.start(); Stores stores = TestStack.stores()) {
      // Given a camera with metadata, readings, logs and images, stored by the worker
      Instant end = Instant.now().minusSeconds(5);
      try (Publisher p = Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-delete"))) {
        Backfill.run(Fleet.create(1, prefix, java.util.List.of(DeviceType.CAMERA), Fleet.defaultLocations(), 7, end),
            new Backfill.Plan(Duration.ofHours(6), Duration.ofMinutes(5), 10, 3, end),
            new PublishingEvents(p, Progress.none()));
      }
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
          count(stores, "device_images", cam) == 3 && count(stores, "system_logs", cam) == 10
              && count(stores, "devices", cam) == 1 && stores.points(cam) == 72);
      assertEquals(3, objects(stores, cam));

      // When an admin deletes it
      var r = api.delete("/devices/" + cam, Api.ADMIN);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode removed = Json.parse(r.body()).get("removed");
      assertEquals(72, removed.get("influxdb_points").asInt());
      assertEquals(1, removed.get("devices").asInt());
      assertEquals(10, removed.get("system_logs").asInt());
      assertEquals(3, removed.get("device_images").asInt());
      assertEquals(3, removed.get("s3_objects").asInt());

      // Then no store holds anything of it, and the watermark is recorded
      assertEquals(0, stores.points(cam));
      assertEquals(0, count(stores, "devices", cam));
      assertEquals(0, count(stores, "system_logs", cam));
      assertEquals(0, count(stores, "device_images", cam));
      assertEquals(0, objects(stores, cam));
      assertEquals(1, count(stores, "device_deletions", cam));
      assertEquals(404, api.get("/devices/" + cam, Api.READ).statusCode());
      assertEquals("[]", api.get("/devices/" + cam + "/sensor-data", Api.READ).body());

      // And repeating it is harmless
      var again = api.delete("/devices/" + cam, Api.ADMIN);
      assertEquals(200, again.statusCode());
      assertEquals(0, Json.parse(again.body()).get("removed").get("influxdb_points").asInt());

      // And a reading stamped after the deletion is a new life, not a resurrection
      try (Publisher p = Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-delete"))) {
        p.reading(new Reading(UUID.randomUUID(), cam, DeviceType.CAMERA, Instant.now(),
            Map.of("motion_detected", true, "brightness", 50.0)));
      }
      await().atMost(Duration.ofSeconds(60)).until(() -> stores.points(cam) == 1);
      assertEquals(1, Json.parse(api.get("/devices/" + cam + "/sensor-data", Api.READ).body()).size());
    }
  }

  static long count(Stores stores, String table, String device) {
    return stores.count("select count(*) from " + table + " where device_id = ?", device);
  }

  static long objects(Stores stores, String device) {
    return stores.objects("images/" + device + "/").size();
  }
}
