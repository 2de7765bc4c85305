package smarthome.ingest.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.logs.LogCodec;
import smarthome.common.store.Jdbc;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.pipeline.Watermarks;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Moves logs older than the retention from PostgreSQL to S3, one gzip NDJSON object per device
 * and UTC day at logs/{device_id}/{yyyy}/{mm}/{dd}.jsonl.gz (the JSON of the log events).
 *
 * <p>Per device-day, in one REPEATABLE READ transaction: stream the day's rows (a cursor) merged
 * with the day's existing object (late logs join it) into a temporary file ({@link
 * DayArchiveFile}); upload it; read its size and checksum back ({@link ArchiveObjects}); then
 * delete the rows, and only the rows this transaction saw (a DELETE under the same snapshot
 * cannot touch a log that arrived meanwhile); commit. Stopped at any point, a re-run writes the
 * same object again.
 *
 * <p>Deleted devices: logs stamped at or before a device's deletion watermark are never archived
 * (a DELETE still in progress erases them). A watermark that appears or moves while a device-day
 * is being archived means a DELETE ran meanwhile and may have listed the device's objects before
 * this one was uploaded: the object is removed again and no row is deleted.
 */
public final class LogArchiver {
  private static final Logger log = LoggerFactory.getLogger(LogArchiver.class);

  /** Called after an object is verified and before its rows are deleted (visible for testing). */
  @FunctionalInterface
  public interface BeforeDelete {
    void run(String deviceId, LocalDate day) throws Exception;
  }

  /** What a run did. */
  public record Result(long rowsArchived, long objectsWritten, Instant cutoff) {}

  private final DataSource ds;
  private final Clock clock;
  private final ArchivedRows rows;
  private final ArchiveObjects objects;
  private final DayArchiveFile files;
  private final Watermarks watermarks;
  private BeforeDelete beforeDelete = (d, day) -> {};

  public LogArchiver(DataSource ds, S3Client s3, String bucket, Clock clock) {
    this.ds = ds;
    this.clock = clock;
    this.rows = new ArchivedRows(ds);
    this.objects = new ArchiveObjects(s3, bucket);
    // archived lines are old by definition: the decoder's sanity window must not reject them
    this.files = new DayArchiveFile(objects, new LogCodec(clock));
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
    long moved = 0;
    long objectsWritten = 0;
    for (Map.Entry<String, LocalDate> dd : rows.due(cutoff)) {
      long n = archive(dd.getKey(), dd.getValue(), cutoff);
      moved += n;
      objectsWritten += n > 0 ? 1 : 0;
    }
    log.info("log archive: {} rows in {} objects moved to S3 (logs before {})", moved,
        objectsWritten, cutoff);
    return new Result(moved, objectsWritten, cutoff);
  }

  /** Archives one device-day; returns the number of rows moved out of PostgreSQL. */
  long archive(String deviceId, LocalDate day, Instant cutoff) throws Exception {
    Instant deletedAt = watermark(deviceId);
    DayWindow w = DayWindow.of(deviceId, day, cutoff, deletedAt);
    Path tmp = Files.createTempFile("log-archive", ".jsonl.gz");
    try (Connection c = ds.getConnection()) {
      // one snapshot for the rows written and the rows deleted
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      return inTransaction(c, tx -> archive(tx, w, deletedAt, tmp));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private long archive(Connection c, DayWindow w, Instant deletedAt, Path tmp) throws Exception {
    DayArchiveFile.Written written;
    try (PreparedStatement ps = rows.select(c, w); ResultSet rs = ps.executeQuery()) {
      written = files.write(w, () -> ArchivedRows.next(rs), tmp);
    }
    if (written.lines() == 0) { // its rows went meanwhile (a DELETE): no object of a deleted life
      objects.delete(w.key());
      return 0;
    }
    objects.upload(w.key(), tmp, written);
    beforeDelete.run(w.deviceId(), w.day());
    if (!Objects.equals(deletedAt, watermark(w.deviceId()))) {
      log.info("log archive: {} was deleted while {} was archived; removing {} again",
          w.deviceId(), w.day(), w.key());
      objects.delete(w.key());
      return 0;
    }
    return rows.delete(c, w);
  }

  private Instant watermark(String deviceId) throws SinkException {
    return watermarks.of(List.of(deviceId)).get(deviceId);
  }

  /** Work of one device-day, which may fail with more than SQL errors (S3, the file, the hook). */
  @FunctionalInterface
  private interface DayWork {
    long run(Connection c) throws Exception;
  }

  /**
   * {@link Jdbc#inTransaction} for work that throws more than SQLException: carried through it
   * unchecked, thrown again as it was. Returning commits; what returns 0 has changed nothing.
   */
  private static long inTransaction(Connection c, DayWork work) throws Exception {
    try {
      return Jdbc.inTransaction(c, tx -> {
        try {
          return work.run(tx);
        } catch (SQLException | RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new Carried(e);
        }
      });
    } catch (Carried e) {
      throw (Exception) e.getCause();
    }
  }

  private static final class Carried extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Carried(Exception cause) {
      super(cause);
    }
  }
}
