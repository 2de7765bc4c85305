package smarthome.ingest.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.images.S3Keys;
import smarthome.common.json.InvalidEventException;
import smarthome.common.logs.LogCodec;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;
import smarthome.ingest.pipeline.Watermarks;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Moves logs older than the retention from PostgreSQL to S3, one gzip NDJSON object per device
 * and UTC day at logs/{device_id}/{yyyy}/{mm}/{dd}.jsonl.gz (the JSON of the log events).
 *
 * <p>Per device-day, in one REPEATABLE READ transaction: stream the day's rows (a cursor) merged
 * with the day's existing object (late logs join it), sorted by time and id, without duplicates,
 * into a temporary file; upload it; read its size and checksum back; then delete the rows, and
 * only the rows this transaction saw (a DELETE under the same snapshot cannot touch a log that
 * arrived meanwhile); commit. Stopped at any point, a re-run writes the same object again.
 * Memory stays bounded: nothing of a day is held but one row from each side.
 *
 * <p>Deleted devices: logs stamped at or before a device's deletion watermark are never archived
 * (a DELETE still in progress erases them). A watermark that appears or moves while a device-day
 * is being archived means a DELETE ran meanwhile and may have listed the device's objects before
 * this one was uploaded: the object is removed again and the transaction rolled back.
 */
public final class LogArchiver {
  private static final Logger log = LoggerFactory.getLogger(LogArchiver.class);
  private static final int FETCH = 1000;

  /** Called after an object is verified and before its rows are deleted (visible for testing). */
  @FunctionalInterface
  public interface BeforeDelete {
    void run(String deviceId, LocalDate day) throws Exception;
  }

  /** What a run did. */
  public record Result(long rowsArchived, long objectsWritten, Instant cutoff) {}

  private final DataSource ds;
  private final S3Client s3;
  private final String bucket;
  private final Clock clock;
  private final LogCodec codec;
  private final Watermarks watermarks;
  private BeforeDelete beforeDelete = (d, day) -> {};

  public LogArchiver(DataSource ds, S3Client s3, String bucket, Clock clock) {
    this.ds = ds;
    this.s3 = s3;
    this.bucket = bucket;
    this.clock = clock;
    // archived lines are old by definition: the decoder's sanity window must not reject them
    this.codec = new LogCodec(clock);
    this.watermarks = Watermarks.postgres(ds);
  }

  public void beforeDelete(BeforeDelete hook) { // visible for testing
    this.beforeDelete = hook;
  }

  /** Everything stamped before the start of the UTC day {@code retentionDays} ago is archived. */
  public static Instant cutoff(Instant now, int retentionDays) {
    return now.minus(retentionDays, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
  }

  public Result run(int retentionDays) throws Exception {
    Instant cutoff = cutoff(clock.instant(), retentionDays);
    long rows = 0;
    long objects = 0;
    for (Map.Entry<String, LocalDate> dd : deviceDays(cutoff)) {
      long moved = archive(dd.getKey(), dd.getValue(), cutoff);
      rows += moved;
      objects += moved > 0 ? 1 : 0;
    }
    log.info("log archive: {} rows in {} objects moved to S3 (logs before {})", rows, objects, cutoff);
    return new Result(rows, objects, cutoff);
  }

  private List<Map.Entry<String, LocalDate>> deviceDays(Instant cutoff) throws SQLException {
    List<Map.Entry<String, LocalDate>> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "select l.device_id, (l.timestamp at time zone 'UTC')::date as day from system_logs l "
            + "left join device_deletions d on d.device_id = l.device_id "
            + "where l.timestamp < ? and (d.deleted_at is null or l.timestamp > d.deleted_at) "
            + "group by 1, 2 order by 1, 2")) {
      ps.setTimestamp(1, Timestamp.from(cutoff));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)));
        }
      }
    }
    return out;
  }

  /** Archives one device-day; returns the number of rows moved out of PostgreSQL. */
  long archive(String deviceId, LocalDate day, Instant cutoff) throws Exception {
    String key = S3Keys.logArchive(deviceId, day);
    Instant from = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    if (to.isAfter(cutoff)) {
      to = cutoff;
    }
    Instant deletedAt = watermarks.of(List.of(deviceId)).get(deviceId);
    Instant after = deletedAt == null ? from.minusMillis(1) : deletedAt; // rows of a deleted life are not archived
    Path tmp = Files.createTempFile("log-archive", ".jsonl.gz");
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        Written w;
        try (PreparedStatement ps = c.prepareStatement("select log_id, device_id, timestamp, level, "
            + "event_type, message from system_logs where device_id = ? and timestamp >= ? and timestamp > ? "
            + "and timestamp < ? order by timestamp, log_id")) {
          ps.setFetchSize(FETCH);
          ps.setString(1, deviceId);
          ps.setTimestamp(2, Timestamp.from(from));
          ps.setTimestamp(3, Timestamp.from(after));
          ps.setTimestamp(4, Timestamp.from(to));
          try (ResultSet rs = ps.executeQuery()) {
            w = writeMerged(key, rs, tmp, after);
          }
        }
        if (w.lines() == 0) { // its rows went meanwhile (a DELETE): no object of a deleted life
          s3.deleteObject(r -> r.bucket(bucket).key(key));
          c.rollback();
          return 0;
        }
        upload(key, tmp, w);
        beforeDelete.run(deviceId, day);
        if (!Objects.equals(deletedAt, watermarks.of(List.of(deviceId)).get(deviceId))) {
          log.info("log archive: {} was deleted while {} was archived; removing {} again", deviceId, day, key);
          s3.deleteObject(r -> r.bucket(bucket).key(key));
          c.rollback();
          return 0;
        }
        long deleted;
        try (PreparedStatement del = c.prepareStatement(
            "delete from system_logs where device_id = ? and timestamp >= ? and timestamp > ? and timestamp < ?")) {
          del.setString(1, deviceId);
          del.setTimestamp(2, Timestamp.from(from));
          del.setTimestamp(3, Timestamp.from(after));
          del.setTimestamp(4, Timestamp.from(to));
          deleted = del.executeUpdate();
        }
        c.commit();
        return deleted;
      } catch (Exception e) {
        c.rollback();
        throw e;
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private record Written(long bytes, String sha256, String md5, long lines) {}

  /**
   * The day's object (if any) merged with the rows, in (timestamp, id) order, each id once; lines
   * of the object stamped at or before {@code after} (a deleted life) are left out.
   */
  private Written writeMerged(String key, ResultSet rows, Path tmp, Instant after) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    long lines = 0;
    try (OutputStream file = Files.newOutputStream(tmp);
         DigestOutputStream d1 = new DigestOutputStream(file, sha);
         DigestOutputStream d2 = new DigestOutputStream(d1, md5);
         GZIPOutputStream gz = new GZIPOutputStream(d2, 64 * 1024);
         BufferedReader existing = open(key)) {
      LogEvent a = next(existing, after);
      LogEvent b = next(rows);
      while (a != null || b != null) {
        LogEvent pick;
        if (b == null || (a != null && compare(a, b) < 0)) {
          pick = a;
          a = next(existing, after);
        } else if (a == null || compare(a, b) > 0) {
          pick = b;
          b = next(rows);
        } else { // the same log on both sides: once
          pick = b;
          a = next(existing, after);
          b = next(rows);
        }
        codec.write(pick, gz);
        gz.write('\n');
        lines++;
      }
    }
    return new Written(Files.size(tmp), HexFormat.of().formatHex(sha.digest()),
        HexFormat.of().formatHex(md5.digest()), lines);
  }

  private static int compare(LogEvent x, LogEvent y) {
    int c = x.timestamp().compareTo(y.timestamp());
    return c != 0 ? c : x.eventId().toString().compareTo(y.eventId().toString());
  }

  private BufferedReader open(String key) {
    try {
      return new BufferedReader(new InputStreamReader(new GZIPInputStream(
          s3.getObject(r -> r.bucket(bucket).key(key)), 64 * 1024), StandardCharsets.UTF_8));
    } catch (NoSuchKeyException e) {
      return new BufferedReader(new java.io.StringReader(""));
    } catch (IOException e) {
      throw new IllegalStateException("archive " + key + " is not gzip", e);
    }
  }

  private LogEvent next(BufferedReader r, Instant after) throws IOException, InvalidEventException {
    for (String line = r.readLine(); line != null && !line.isEmpty(); line = r.readLine()) {
      LogEvent e = codec.decode(line.getBytes(StandardCharsets.UTF_8));
      if (e.timestamp().isAfter(after)) {
        return e;
      }
    }
    return null;
  }

  private static LogEvent next(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      return null;
    }
    return new LogEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
        LogLevel.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6));
  }

  /** Uploads the file and reads size and checksums back before anything is deleted. */
  private void upload(String key, Path file, Written w) {
    s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/x-ndjson")
        .contentEncoding("gzip").contentLength(w.bytes()).metadata(Map.of("sha256", w.sha256(),
            "lines", Long.toString(w.lines()))), RequestBody.fromFile(file));
    HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
    String etag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
    if (head.contentLength() != w.bytes() || !w.sha256().equals(head.metadata().get("sha256"))
        || !etag.equalsIgnoreCase(w.md5())) {
      throw S3Exception.builder().message("archive " + key + " did not read back as written (size "
          + head.contentLength() + " vs " + w.bytes() + ", etag " + etag + " vs " + w.md5() + ")").build();
    }
  }
}
