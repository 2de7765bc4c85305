package smarthome.api.readings;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import smarthome.api.ApiConfig;
import smarthome.api.devices.DeviceLookup;
import smarthome.api.devices.DeviceRepository;
import smarthome.api.errors.ApiException;
import smarthome.api.http.KnownDevices;
import smarthome.api.http.Params;
import smarthome.common.devices.DeviceType;

/**
 * A device's readings: raw points oldest first a page at a time, or downsampled with GROUP BY
 * time() (bounded by the number of intervals). Points at or before a deletion watermark are never
 * returned, whatever InfluxDB still holds.
 */
@Singleton
public class SensorDataService {
  private final ReadingRepository readings;
  private final DeviceRepository devices;
  private final KnownDevices known;
  private final int maxBuckets;

  public SensorDataService(ReadingRepository readings, DeviceRepository devices, KnownDevices known,
      ApiConfig config) {
    this.readings = readings;
    this.devices = devices;
    this.known = known;
    this.maxBuckets = config.maxRawPoints;
  }

  /** What one request asks for; agg null = raw points, after null = the first page. */
  public record Query(String deviceId, Params.Range range, Aggregation agg, int limit, ReadingCursor after) {}

  /** The rows of one answer; type null when nothing is known of the device's type; next null on the last page. */
  public record Rows(String type, List<ReadingRow> rows, boolean counts, ReadingCursor next) {
    static Rows none(String type) {
      return new Rows(type, List.of(), false, null);
    }
  }

  public Rows query(Query q) {
    String id = q.deviceId();
    if (q.agg() != null) {
      long buckets = q.range().length().toSeconds() / q.agg().interval().toSeconds() + 1;
      if (buckets > maxBuckets) {
        throw ApiException.unprocessable("the range holds " + buckets + " intervals of " + q.agg().groupBy()
            + ", more than " + maxBuckets + ": narrow the range or widen the interval");
      }
    }
    DeviceLookup lookup = devices.lookup(id);
    Instant start = q.range().start();
    if (lookup.deletedAt().isPresent() && !lookup.deletedAt().get().isBefore(start)) {
      start = lookup.deletedAt().get().plusMillis(1); // a deleted device's old life is gone
    }
    Rows out = start.isBefore(q.range().end())
        ? q.agg() == null ? raw(q, lookup, start) : aggregated(q, lookup, start)
        : Rows.none(lookup.deviceType().orElse(null));
    if (out.rows().isEmpty() && q.after() == null) {
      known.require(id, lookup, () -> readings.hasAny(id));
    }
    return out;
  }

  private Rows raw(Query q, DeviceLookup lookup, Instant start) {
    long skip = 0;
    ReadingCursor after = q.after();
    if (after != null && !after.time().isBefore(start)) {
      start = after.time();
      skip = after.skip();
    }
    if (!start.isBefore(q.range().end())) {
      return Rows.none(lookup.deviceType().orElse(null));
    }
    List<ReadingRow> rows = readings.raw(q.deviceId(),
        lookup.deviceType().flatMap(DeviceType::fromWire).orElse(null), start, q.range().end(),
        (int) skip + q.limit() + 1);
    rows = rows.subList((int) Math.min(skip, rows.size()), rows.size());
    String type = rows.isEmpty() ? lookup.deviceType().orElse(null) : rows.get(0).type();
    if (rows.size() <= q.limit()) {
      return new Rows(type, rows, false, null);
    }
    List<ReadingRow> page = rows.subList(0, q.limit());
    long last = page.get(page.size() - 1).time();
    long sameMilli = page.stream().filter(r -> r.time() == last).count()
        + (last == start.toEpochMilli() ? skip : 0);
    return new Rows(type, page, false, new ReadingCursor(Instant.ofEpochMilli(last), sameMilli));
  }

  private Rows aggregated(Query q, DeviceLookup lookup, Instant start) {
    String type = lookup.deviceType().orElseGet(() -> readings.typeOf(q.deviceId()));
    if (type == null) {
      return Rows.none(null);
    }
    List<ReadingRow> rows = readings.aggregated(q.deviceId(), DeviceType.fromWire(type).orElseThrow(),
        q.agg(), start, q.range().end());
    return new Rows(type, rows, q.agg().fn() == Aggregation.Fn.COUNT, null);
  }
}
