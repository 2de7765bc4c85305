package smarthome.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.common.readings.Reading;
import smarthome.common.store.Influx;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import smarthome.common.testing.TestStack;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Fleet;
import smarthome.producer.simulator.Progress;
import smarthome.producer.simulator.PublishingEvents;
import software.amazon.awssdk.services.s3.S3Client;

/** DELETE leaves nothing of the device in InfluxDB, PostgreSQL or S3, checked in each store. */
class DeleteIT {
  @Test
  void deleteErasesTheDeviceInEveryStore() throws Exception {
    String prefix = "del" + UUID.randomUUID().toString().substring(0, 8) + "_";
    String cam = prefix + "1";
    try (Api api = Api.start();
         HikariDataSource pg = Postgres.pool(TestStack.postgres(), "it-delete", 2);
         InfluxDB influx = Influx.connect(TestStack.influx(), 30);
         S3Client s3 = S3.client(TestStack.s3(), 2)) {
      // Given a camera with metadata, readings, logs and images, stored by the worker
      Instant end = Instant.now().minusSeconds(5);
      try (Publisher p = Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-delete"))) {
        Backfill.run(Fleet.create(1, prefix, java.util.List.of(DeviceType.CAMERA), Fleet.defaultLocations(), 7, end),
            new Backfill.Plan(Duration.ofHours(6), Duration.ofMinutes(5), 10, 3, end),
            new PublishingEvents(p, Progress.none()));
      }
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
          count(pg, "device_images", cam) == 3 && count(pg, "system_logs", cam) == 10
              && count(pg, "devices", cam) == 1 && points(influx, cam) == 72);
      assertEquals(3, objects(s3, cam));

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
      assertEquals(0, points(influx, cam));
      assertEquals(0, count(pg, "devices", cam));
      assertEquals(0, count(pg, "system_logs", cam));
      assertEquals(0, count(pg, "device_images", cam));
      assertEquals(0, objects(s3, cam));
      assertEquals(1, count(pg, "device_deletions", cam));
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
      await().atMost(Duration.ofSeconds(60)).until(() -> points(influx, cam) == 1);
      assertEquals(1, Json.parse(api.get("/devices/" + cam + "/sensor-data", Api.READ).body()).size());
    }
  }

  static long count(HikariDataSource pg, String table, String device) throws Exception {
    try (Connection c = pg.getConnection();
         PreparedStatement ps = c.prepareStatement("select count(*) from " + table + " where device_id = ?")) {
      ps.setString(1, device);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static long points(InfluxDB influx, String device) {
    var r = influx.query(BoundParameterQuery.QueryBuilder
        .newQuery("SELECT count(brightness) FROM sensor_data WHERE device_id = $id")
        .forDatabase(TestStack.influx().database()).bind("id", device).create(), TimeUnit.MILLISECONDS);
    var series = r.getResults().get(0).getSeries();
    return series == null ? 0 : ((Number) series.get(0).getValues().get(0).get(1)).longValue();
  }

  static long objects(S3Client s3, String device) {
    return s3.listObjectsV2(r -> r.bucket(TestStack.s3().bucket()).prefix("images/" + device + "/"))
        .keyCount();
  }
}
