package smarthome.api.devices;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;
import smarthome.api.ApiConfig;
import smarthome.api.Influxes;
import smarthome.api.Sql;
import smarthome.api.errors.ApiException;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.common.images.S3Keys;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.Publisher;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DELETE /devices/{id} (DESIGN.md, "Delivery and deletion semantics"): first the watermark, so the
 * sinks drop whatever of the device is still in flight, then InfluxDB, S3 and PostgreSQL, then a
 * tombstone. Everything stamped at or before the deletion goes; what is stamped later is a new life
 * and stays. A failure half-way is a 503 and the DELETE can simply be repeated.
 */
@Singleton
public class DeviceDeletion {
  private final DeviceRepository devices;
  private final HikariDataSource ds;
  private final Sql sql;
  private final InfluxDB influx;
  private final S3Client s3;
  private final Publisher publisher;
  private final String database;
  private final String bucket;
  private final Clock clock = Clock.systemUTC();

  public DeviceDeletion(DeviceRepository devices, HikariDataSource ds, InfluxDB influx, S3Client s3,
      Publisher publisher, ApiConfig config) {
    this.devices = devices;
    this.ds = ds;
    this.sql = new Sql(ds);
    this.influx = influx;
    this.s3 = s3;
    this.publisher = publisher;
    this.database = config.influx.database();
    this.bucket = config.s3.bucket();
  }

  public DeletionReport delete(String id) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    DeviceRepository.Lookup lookup = devices.lookup(id);
    long points = points(id, now);
    long logs = sql.count("select count(*) from system_logs where device_id = ? and timestamp <= ?", id, now);
    long images = sql.count("select count(*) from device_images where device_id = ? and captured_at <= ?", id, now);
    List<String> objects = objects(id, now);
    if (!lookup.known() && lookup.deletedAt().isEmpty() && points == 0 && logs == 0 && images == 0
        && objects.isEmpty()) {
      throw ApiException.notFound("device " + Text.quote(id) + " not found in any store");
    }
    // 1. the watermark, before anything is erased: sinks now drop the device's backlog
    watermark(id, now);
    // 2. InfluxDB
    Influxes.query(influx, database, "DELETE FROM sensor_data WHERE device_id = $id AND time <= $t",
        Map.of("id", id, "t", Influxes.nanos(now)));
    // 3. S3, every page
    long removedObjects = deleteObjects(objects);
    // 4. PostgreSQL, one transaction
    long[] rows = deleteRows(id, now);
    // 5. a tombstone, so compaction forgets the metadata too
    tombstone(id);
    return new DeletionReport(id, Timestamps.format(now),
        new DeletionReport.Removed(points, rows[0], rows[1], rows[2], rows[3], removedObjects), true);
  }

  private long points(String id, Instant upTo) {
    QueryResult.Series s = Influxes.firstSeries(Influxes.query(influx, database,
        "SELECT count(*) FROM sensor_data WHERE device_id = $id AND time <= $t",
        Map.of("id", id, "t", Influxes.nanos(upTo))));
    long max = 0;
    if (s != null) {
      List<Object> row = s.getValues().get(0);
      for (int i = 1; i < row.size(); i++) { // column 0 is the time
        if (row.get(i) instanceof Number n) {
          max = Math.max(max, n.longValue()); // every point of a device has all its type's fields
        }
      }
    }
    return max;
  }

  /** Every object of the device (images, log archives), except images of a life after `now`. */
  private List<String> objects(String id, Instant now) {
    Set<String> newer = new HashSet<>(sql.list(
        "select s3_key from device_images where device_id = ? and captured_at > ?", rs -> rs.getString(1), id, now));
    List<String> keys = new ArrayList<>();
    try {
      for (String prefix : List.of(S3Keys.imagePrefix(id), S3Keys.logPrefix(id))) {
        String token = null;
        do {
          String t = token;
          ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket).prefix(prefix).continuationToken(t));
          for (S3Object o : page.contents()) {
            if (!newer.contains(o.key())) {
              keys.add(o.key());
            }
          }
          token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
      }
    } catch (SdkException e) {
      throw new StoreUnavailableException("s3", e);
    }
    return keys;
  }

  private long deleteObjects(List<String> keys) {
    try {
      for (int i = 0; i < keys.size(); i += 1000) {
        List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
            .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        s3.deleteObjects(r -> r.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
      }
    } catch (SdkException e) {
      throw new StoreUnavailableException("s3", e);
    }
    return keys.size();
  }

  private void watermark(String id, Instant now) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "insert into device_deletions (device_id, deleted_at) values (?, ?) on conflict (device_id) "
            + "do update set deleted_at = greatest(device_deletions.deleted_at, excluded.deleted_at)")) {
      Sql.bind(ps, id, now);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreUnavailableException("postgresql", e);
    }
  }

  private long[] deleteRows(String id, Instant now) {
    String[] statements = {
        "delete from devices where device_id = ? and updated_at <= ?",
        "delete from system_logs where device_id = ? and timestamp <= ?",
        "delete from device_images where device_id = ? and captured_at <= ?",
        "delete from device_state where device_id = ? and last_seen <= ?"};
    long[] counts = new long[statements.length];
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        for (int i = 0; i < statements.length; i++) {
          try (PreparedStatement ps = c.prepareStatement(statements[i])) {
            Sql.bind(ps, id, now);
            counts[i] = ps.executeUpdate();
          }
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("postgresql", e);
    }
    return counts;
  }

  private void tombstone(String id) {
    try {
      publisher.deviceTombstone(id).get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new StoreUnavailableException("kafka", e);
    }
  }
}
