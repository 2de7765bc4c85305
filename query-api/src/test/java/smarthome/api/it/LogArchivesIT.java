package smarthome.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import smarthome.ingest.archive.LogArchiver;
import smarthome.testkit.TestStack;
import software.amazon.awssdk.services.s3.S3Client;

/** Archived log days through the API: listed with presigned URLs, and gone after a DELETE. */
class LogArchivesIT {
  @Test
  void archivedDaysAreListedAndDeletedWithTheDevice() throws Exception {
    String device = "la" + UUID.randomUUID().toString().substring(0, 8);
    try (Api api = Api.start();
         HikariDataSource pg = Postgres.pool(TestStack.postgres(), "it-archives", 2);
         S3Client s3 = S3.client(TestStack.s3(), 2)) {
      // Given a device with logs 40 and 41 days old, archived with a 30-day retention
      Instant now = Instant.now();
      try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(
          "insert into system_logs (log_id, device_id, timestamp, level, event_type, message) values (?, ?, ?, 'INFO', 'old', 'old line')")) {
        for (int days : new int[] {40, 41}) {
          ps.setObject(1, UUID.randomUUID());
          ps.setString(2, device);
          ps.setTimestamp(3, Timestamp.from(now.minus(days, ChronoUnit.DAYS)));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      new LogArchiver(pg, s3, TestStack.s3().bucket(), Clock.systemUTC()).run(30);

      // When the archives are listed
      HttpResponse<String> r = api.get("/devices/" + device + "/log-archives", Api.READ);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode days = Json.parse(r.body());
      assertEquals(2, days.size());
      // Then each has its day, size and a URL that serves the gzip NDJSON
      JsonNode first = days.get(0);
      assertTrue(first.get("key").asText().startsWith("logs/" + device + "/"));
      assertTrue(first.get("size_bytes").asLong() > 0);
      HttpResponse<byte[]> file = api.http.send(HttpRequest.newBuilder(URI.create(first.get("url").asText())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      String line = new String(new GZIPInputStream(new ByteArrayInputStream(file.body())).readAllBytes(),
          StandardCharsets.UTF_8).strip();
      assertEquals(device, Json.parse(line).get("device_id").asText());

      // And a DELETE removes them with the rest of the device
      var deleted = api.delete("/devices/" + device, Api.ADMIN);
      assertEquals(200, deleted.statusCode(), deleted.body());
      assertEquals(2, Json.parse(deleted.body()).get("removed").get("s3_objects").asInt());
      assertEquals("[]", api.get("/devices/" + device + "/log-archives", Api.READ).body());
      assertEquals(404, api.get("/devices/never-" + device + "/log-archives", Api.READ).statusCode());
    }
  }
}
