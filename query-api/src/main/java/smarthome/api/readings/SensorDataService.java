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
import smarthome.common.json.Timestamps;

/**
 * A device's readings: raw points oldest first (capped), or downsampled with GROUP BY time().
 * Points at or before a deletion watermark are never returned, whatever InfluxDB still holds.
 */
@Singleton
public class SensorDataService {
  private final ReadingRepository readings;
  private final DeviceRepository devices;
  private final KnownDevices known;
  private final int maxPoints;

  public SensorDataService(ReadingRepository readings, DeviceRepository devices, KnownDevices known,
      ApiConfig config) {
    this.readings = readings;
    this.devices = devices;
    this.known = known;
    this.maxPoints = config.maxRawPoints;
  }

  /** The rows as a JSON array: [{timestamp, device_id, device_type, <fields>}, ...]. */
  public byte[] query(String id, Params.Range range, Aggregation agg) {
    if (agg != null) {
      long buckets = range.length().toSeconds() / agg.interval().toSeconds() + 1;
      if (buckets > maxPoints) {
        throw ApiException.unprocessable("the range holds " + buckets + " intervals of " + agg.groupBy()
            + ", more than " + maxPoints + ": narrow the range or widen the interval");
      }
    }
    DeviceLookup lookup = devices.lookup(id);
    Instant start = range.start();
    if (lookup.deletedAt().isPresent() && !lookup.deletedAt().get().isBefore(start)) {
      start = lookup.deletedAt().get().plusMillis(1); // a deleted device's old life is gone
    }
    if (!start.isBefore(range.end())) {
      requireKnown(id, lookup);
      return ReadingsJson.empty();
    }
    List<ReadingRow> rows;
    String type;
    if (agg == null) {
      rows = readings.raw(id, lookup.deviceType().flatMap(DeviceType::fromWire).orElse(null), start,
          range.end(), maxPoints + 1);
      if (rows.size() > maxPoints) {
        throw ApiException.unprocessable("more than " + maxPoints + " readings between "
            + Timestamps.format(start) + " and " + Timestamps.format(range.end())
            + ": narrow the range or set interval (e.g. interval=1h&fn=mean)");
      }
      type = rows.isEmpty() ? lookup.deviceType().orElse(null) : rows.get(0).type();
    } else {
      type = lookup.deviceType().orElseGet(() -> readings.typeOf(id));
      if (type == null) {
        requireKnown(id, lookup);
        return ReadingsJson.empty();
      }
      rows = readings.aggregated(id, DeviceType.fromWire(type).orElseThrow(), agg, start, range.end());
    }
    if (rows.isEmpty()) {
      requireKnown(id, lookup);
    }
    return ReadingsJson.write(id, type, rows, agg != null && agg.fn() == Aggregation.Fn.COUNT);
  }

  /** No rows: fine for a known device (an empty range), a 404 for an id no store has heard of. */
  private void requireKnown(String id, DeviceLookup lookup) {
    known.require(id, lookup, () -> readings.hasAny(id));
  }
}
