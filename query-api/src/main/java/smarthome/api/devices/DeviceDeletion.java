package smarthome.api.devices;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import smarthome.api.errors.ApiException;
import smarthome.api.infra.InfluxQuery;
import smarthome.api.infra.Sql;
import smarthome.api.infra.StoreCalls;
import smarthome.common.erase.InfluxDeviceEraser;
import smarthome.common.erase.PostgresDeviceEraser;
import smarthome.common.erase.PostgresDeviceEraser.Table;
import smarthome.common.erase.S3DeviceEraser;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.Publisher;

/**
 * DELETE /devices/{id} (DESIGN.md, "Delivery and deletion semantics"): first the watermark, so the
 * sinks drop whatever of the device is still in flight, then InfluxDB, S3 and PostgreSQL, then a
 * tombstone. Everything stamped at or before the deletion goes; what is stamped later is a new life
 * and stays. A failure half-way is a 503 and the DELETE can simply be repeated. The erasing itself
 * is the sinks' own ({@code smarthome.common.erase}); this orders it and reports what went.
 */
@Singleton
public class DeviceDeletion {
  private final DeviceRepository devices;
  private final Sql sql;
  private final InfluxQuery influx;
  private final InfluxDeviceEraser points;
  private final S3DeviceEraser objects;
  private final Publisher publisher;
  private final Clock clock = Clock.systemUTC();

  public DeviceDeletion(DeviceRepository devices, Sql sql, InfluxQuery influx,
      InfluxDeviceEraser points, S3DeviceEraser objects, Publisher publisher) {
    this.devices = devices;
    this.sql = sql;
    this.influx = influx;
    this.points = points;
    this.objects = objects;
    this.publisher = publisher;
  }

  public DeletionReport delete(String id) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    DeviceLookup lookup = devices.lookup(id);
    long pointCount = influx.call("InfluxDeviceEraser.countUpTo", () -> points.countUpTo(id, now));
    long logs = sql.count("select count(*) from system_logs where device_id = ? and timestamp <= ?", id, now);
    long images = sql.count("select count(*) from device_images where device_id = ? and captured_at <= ?", id, now);
    List<String> keys = objectsUpTo(id, now);
    if (!lookup.known() && lookup.deletedAt().isEmpty() && pointCount == 0 && logs == 0 && images == 0
        && keys.isEmpty()) {
      throw ApiException.notFound("device " + Text.quote(id) + " not found in any store");
    }
    // 1. the watermark, before anything is erased: sinks now drop the device's backlog
    sql.inTransaction(c -> {
      PostgresDeviceEraser.recordDeletion(c, id, now);
      return null;
    });
    // 2. InfluxDB
    influx.call("InfluxDeviceEraser.eraseUpTo", () -> {
      points.eraseUpTo(id, now);
      return null;
    });
    // 3. S3, every page
    long removedObjects = StoreCalls.s3(() -> objects.delete(id, keys));
    // 4. PostgreSQL, one transaction
    Map<Table, Long> rows = sql.inTransaction(c -> PostgresDeviceEraser.eraseAll(c, id, now));
    // 5. a tombstone, so compaction forgets the metadata too
    StoreCalls.published(publisher.deviceTombstone(id));
    return new DeletionReport(id, Timestamps.format(now), new DeletionReport.Removed(pointCount,
        rows.get(Table.DEVICES), rows.get(Table.LOGS), rows.get(Table.IMAGES), rows.get(Table.STATE),
        removedObjects), true);
  }

  /** Every object of the device (images, log archives), except images of a life after `now`. */
  private List<String> objectsUpTo(String id, Instant now) {
    Set<String> newer = new HashSet<>(sql.list(
        "select s3_key from device_images where device_id = ? and captured_at > ?", rs -> rs.getString(1), id, now));
    return StoreCalls.s3(() -> objects.objectsOf(id, newer::contains));
  }
}
