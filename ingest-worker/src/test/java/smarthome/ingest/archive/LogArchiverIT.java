package smarthome.ingest.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import smarthome.common.images.S3Keys;
import smarthome.common.logs.LogCodec;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import smarthome.testkit.TestStack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The log archiver on the real PostgreSQL and S3: exact split, crash safety, late logs. */
class LogArchiverIT {
  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  HikariDataSource pg;
  S3Client s3;
  String bucket;
  String prefix;

  @BeforeEach
  void open() {
    pg = Postgres.pool(TestStack.postgres(), "it-archive", 3);
    Postgres.migrate(pg);
    s3 = S3.client(TestStack.s3(), 4);
    bucket = TestStack.s3().bucket();
    S3.ensureBucket(s3, bucket);
    prefix = "arch" + UUID.randomUUID().toString().substring(0, 6) + "_";
  }

  @AfterEach
  void close() {
    pg.close();
    s3.close();
  }

  /** Inserts logs for the devices, `perDay` a day over `days` days before NOW; returns their ids. */
  Set<UUID> insertLogs(int devices, int days, int perDay) throws Exception {
    Set<UUID> ids = new HashSet<>();
    Random r = new Random(7);
    try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(
        "insert into system_logs (log_id, device_id, timestamp, level, event_type, message) values (?, ?, ?, ?, ?, ?)")) {
      for (int d = 1; d <= devices; d++) {
        for (int day = 0; day < days; day++) {
          for (int i = 0; i < perDay; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            ps.setObject(1, id);
            ps.setString(2, prefix + d);
            ps.setTimestamp(3, Timestamp.from(NOW.minus(day, ChronoUnit.DAYS).minusMillis(r.nextInt(86_400_000))));
            ps.setString(4, "INFO");
            ps.setString(5, "t");
            ps.setString(6, "line " + i + ", day " + day + "\n\"quoted\"");
            ps.addBatch();
          }
        }
      }
      ps.executeBatch();
    }
    return ids;
  }

  List<UUID> pgIds(Instant before, Instant atOrAfter) throws Exception {
    List<UUID> out = new ArrayList<>();
    try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(
        "select log_id, timestamp from system_logs where device_id like ?")) {
      ps.setString(1, prefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant t = rs.getTimestamp(2).toInstant();
          if ((before == null || t.isBefore(before)) && (atOrAfter == null || !t.isBefore(atOrAfter))) {
            out.add(rs.getObject(1, UUID.class));
          }
        }
      }
    }
    return out;
  }

  List<S3Object> archives() {
    List<S3Object> all = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page = s3.listObjectsV2(q -> q.bucket(bucket).prefix("logs/" + prefix).continuationToken(t));
      all.addAll(page.contents());
      token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
    } while (token != null);
    return all;
  }

  List<UUID> archivedIds(String key) throws Exception {
    LogCodec codec = new LogCodec(clock);
    List<UUID> ids = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
        s3.getObject(q -> q.bucket(bucket).key(key))), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        ids.add(codec.decode(line.getBytes(StandardCharsets.UTF_8)).eventId());
      }
    }
    return ids;
  }

  List<UUID> allArchivedIds() throws Exception {
    List<UUID> ids = new ArrayList<>();
    for (S3Object o : archives()) {
      ids.addAll(archivedIds(o.key()));
    }
    return ids;
  }

  @Test
  void movesEverythingBeforeTheRetentionAndKeepsTheRest() throws Exception {
    // Given logs spread over 40 days for three devices
    Set<UUID> original = insertLogs(3, 40, 6);
    Instant cutoff = LogArchiver.cutoff(NOW, 30);
    long daysBefore = Duration.between(NOW.minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS), cutoff).toDays();

    // When the archiver runs with retention 30
    new LogArchiver(pg, s3, bucket, clock).run(30);

    // Then PostgreSQL holds exactly the last 30 days, S3 one object per device-day before that
    assertEquals(List.of(), pgIds(cutoff, null), "nothing older than the cutoff stays");
    List<S3Object> objects = archives();
    Set<String> keys = new HashSet<>();
    for (int d = 1; d <= 3; d++) {
      for (LocalDate day = LocalDate.ofInstant(NOW.minus(40, ChronoUnit.DAYS), ZoneOffset.UTC);
           day.isBefore(LocalDate.ofInstant(cutoff, ZoneOffset.UTC)); day = day.plusDays(1)) {
        keys.add(S3Keys.logArchive(prefix + d, day));
      }
    }
    assertTrue(objects.size() <= 3 * daysBefore && objects.size() >= 3 * (daysBefore - 1), objects.size() + " objects");
    objects.forEach(o -> assertTrue(keys.contains(o.key()), o.key()));
    // And the union of both is the original set, each log once
    List<UUID> union = new ArrayList<>(pgIds(null, null));
    union.addAll(allArchivedIds());
    assertEquals(original.size(), union.size(), "no log twice");
    assertEquals(original, new HashSet<>(union));
  }

  @Test
  void aRunStoppedBetweenUploadAndDeleteLeavesTheSameUnionAfterARerun() throws Exception {
    Set<UUID> original = insertLogs(2, 35, 4);
    LogArchiver crashing = new LogArchiver(pg, s3, bucket, clock);
    crashing.beforeDelete((device, day) -> {
      throw new IllegalStateException("killed after writing " + device + " " + day);
    });
    // When the archiver dies right after its first object is written
    assertThrows(IllegalStateException.class, () -> crashing.run(30));
    List<S3Object> afterCrash = archives();
    assertEquals(1, afterCrash.size(), "one object written, its rows not deleted");
    byte[] first = s3.getObjectAsBytes(q -> q.bucket(bucket).key(afterCrash.get(0).key())).asByteArray();
    assertEquals(original.size(), pgIds(null, null).size(), "every row still in PostgreSQL");

    // Then a re-run completes, rewriting that object with the same content, and loses nothing
    new LogArchiver(pg, s3, bucket, clock).run(30);
    byte[] again = s3.getObjectAsBytes(q -> q.bucket(bucket).key(afterCrash.get(0).key())).asByteArray();
    assertArrayEquals(first, again, "same key, same bytes");
    List<UUID> union = new ArrayList<>(pgIds(null, null));
    union.addAll(allArchivedIds());
    assertEquals(original.size(), union.size(), "no duplicates");
    assertEquals(original, new HashSet<>(union));
  }

  @Test
  void aDeviceDeletedWhileItsDayIsArchivedLeavesNoObjectBehind() throws Exception {
    Set<UUID> original = insertLogs(2, 33, 3);
    String deleted = prefix + "1";
    LogArchiver archiver = new LogArchiver(pg, s3, bucket, clock);
    boolean[] once = {false};
    // Given a DELETE of device 1 that listed its objects before this upload, and now sets its
    // watermark and erases its rows while the first object of the run waits to be committed
    archiver.beforeDelete((device, day) -> {
      if (device.equals(deleted) && !once[0]) {
        once[0] = true;
        try (Connection c = pg.getConnection(); PreparedStatement w = c.prepareStatement(
            "insert into device_deletions (device_id, deleted_at) values (?, ?)");
             PreparedStatement d = c.prepareStatement(
                 "delete from system_logs where device_id = ? and timestamp <= ?")) {
          w.setString(1, deleted);
          w.setTimestamp(2, Timestamp.from(NOW));
          w.executeUpdate();
          d.setString(1, deleted);
          d.setTimestamp(2, Timestamp.from(NOW));
          d.executeUpdate();
        }
      }
    });
    try {
      archiver.run(30);

      // Then nothing of the deleted device is left in S3 or PostgreSQL
      assertTrue(once[0], "the DELETE ran during the archive run");
      assertEquals(List.of(), archives().stream().map(S3Object::key)
          .filter(k -> k.startsWith(S3Keys.logPrefix(deleted))).toList());
      List<UUID> union = new ArrayList<>(pgIds(null, null));
      List<UUID> archived = allArchivedIds();
      union.addAll(archived);
      // And the other device's logs are all there once, split between both stores
      assertEquals(original.size() / 2, union.size());
      assertTrue(archived.size() > 0, "the other device was archived");
      try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(
          "select count(*) from system_logs where device_id = ?")) {
        ps.setString(1, deleted);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertEquals(0, rs.getLong(1));
        }
      }
    } finally {
      try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(
          "delete from device_deletions where device_id = ?")) {
        ps.setString(1, deleted);
        ps.executeUpdate();
      }
    }
  }

  @Test
  void aLateLogForAnArchivedDayJoinsThatDaysObject() throws Exception {
    insertLogs(1, 33, 3);
    LogArchiver archiver = new LogArchiver(pg, s3, bucket, clock);
    archiver.run(30);
    String device = prefix + "1";
    LocalDate day = LocalDate.ofInstant(NOW.minus(32, ChronoUnit.DAYS), ZoneOffset.UTC);
    String key = S3Keys.logArchive(device, day);
    List<UUID> before = archivedIds(key);

    // Given a log for that day arriving after it was archived
    UUID late = UUID.randomUUID();
    try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(
        "insert into system_logs (log_id, device_id, timestamp, level, event_type, message) values (?, ?, ?, 'WARN', 'late', 'late')")) {
      ps.setObject(1, late);
      ps.setString(2, device);
      ps.setTimestamp(3, Timestamp.from(day.atTime(12, 0).toInstant(ZoneOffset.UTC)));
      ps.executeUpdate();
    }
    // When the archiver runs again, Then it is in that day's object, beside the earlier ones
    archiver.run(30);
    List<UUID> after = archivedIds(key);
    assertEquals(before.size() + 1, after.size());
    assertTrue(after.contains(late) && after.containsAll(before));
    assertTrue(pgIds(null, null).stream().noneMatch(late::equals));
  }
}
