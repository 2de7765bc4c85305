package smarthome.api.readings;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;
import smarthome.api.ApiConfig;
import smarthome.api.Influxes;
import smarthome.api.Params;
import smarthome.api.devices.DeviceRepository;
import smarthome.api.errors.ApiException;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;
import smarthome.common.store.InfluxQueries;

/**
 * A device's readings from InfluxDB: raw points oldest first (capped), or downsampled with
 * GROUP BY time(). Only values are bound into InfluxQL; identifiers come from the type table.
 * Points at or before a deletion watermark are never returned, whatever InfluxDB still holds.
 */
@Singleton
public class SensorDataService {
  private final InfluxDB influx;
  private final DeviceRepository devices;
  private final String database;
  private final int maxPoints;

  public SensorDataService(InfluxDB influx, DeviceRepository devices, ApiConfig config) {
    this.influx = influx;
    this.devices = devices;
    this.database = config.influx.database();
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
    DeviceRepository.Lookup lookup = devices.lookup(id);
    Instant start = range.start();
    if (lookup.deletedAt().isPresent() && !lookup.deletedAt().get().isBefore(start)) {
      start = lookup.deletedAt().get().plusMillis(1); // a deleted device's old life is gone
    }
    if (!start.isBefore(range.end())) {
      requireKnown(id, lookup);
      return "[]".getBytes();
    }
    Map<String, Object> params = Map.of("id", id, "s", Influxes.nanos(start), "e", Influxes.nanos(range.end()));
    List<Row> rows;
    String type;
    if (agg == null) {
      QueryResult.Series s = Influxes.firstSeries(Influxes.query(influx, database,
          InfluxQueries.raw(lookup.deviceType().flatMap(DeviceType::fromWire).orElse(null), maxPoints + 1), params));
      rows = raw(s);
      if (rows.size() > maxPoints) {
        throw ApiException.unprocessable("more than " + maxPoints + " readings between "
            + Timestamps.format(start) + " and " + Timestamps.format(range.end())
            + ": narrow the range or set interval (e.g. interval=1h&fn=mean)");
      }
      type = rows.isEmpty() ? lookup.deviceType().orElse(null) : rows.get(0).type;
    } else {
      type = lookup.deviceType().orElseGet(() -> typeFromInflux(id));
      if (type == null) {
        requireKnown(id, lookup);
        return "[]".getBytes();
      }
      rows = aggregated(id, DeviceType.fromWire(type).orElseThrow(), agg, params);
    }
    if (rows.isEmpty()) {
      requireKnown(id, lookup);
    }
    return json(id, type, rows, agg != null && agg.fn() == Aggregation.Fn.COUNT);
  }

  private record Row(long time, String type, Map<String, Object> values) {}

  private static List<Row> raw(QueryResult.Series s) {
    List<Row> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    List<String> cols = s.getColumns();
    int typeCol = cols.indexOf("device_type");
    DeviceType t = null;
    int[] index = null;
    for (List<Object> v : s.getValues()) {
      String type = (String) v.get(typeCol);
      if (t == null || !t.wire().equals(type)) {
        t = DeviceType.fromWire(type).orElse(null);
        index = t == null ? new int[0] : t.fields().stream().mapToInt(f -> cols.indexOf(f.name())).toArray();
      }
      Map<String, Object> values = new java.util.LinkedHashMap<>();
      for (int i = 0; i < index.length; i++) {
        Object x = index[i] < 0 ? null : v.get(index[i]);
        if (x != null) {
          values.put(t.fields().get(i).name(), x);
        }
      }
      out.add(new Row(((Number) v.get(0)).longValue(), type, values));
    }
    return out;
  }

  private List<Row> aggregated(String id, DeviceType type, Aggregation agg, Map<String, Object> params) {
    StringBuilder q = new StringBuilder("SELECT ");
    List<String> fields = new ArrayList<>();
    for (FieldSpec f : type.fields()) {
      if (f.isNumber() || !agg.fn().numericOnly()) {
        if (!fields.isEmpty()) {
          q.append(", ");
        }
        q.append(agg.fn().influxql()).append("(\"").append(f.name()).append("\") AS \"").append(f.name()).append('"');
        fields.add(f.name());
      }
    }
    q.append(" FROM sensor_data WHERE device_id = $id AND time >= $s AND time < $e GROUP BY time(")
        .append(agg.groupBy()).append(") fill(none)");
    QueryResult.Series s = Influxes.firstSeries(Influxes.query(influx, database, q.toString(), params));
    List<Row> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    for (List<Object> v : s.getValues()) {
      Map<String, Object> values = new java.util.LinkedHashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        Object x = v.get(i + 1);
        if (x != null) {
          values.put(fields.get(i), x);
        }
      }
      out.add(new Row(((Number) v.get(0)).longValue(), type.wire(), values));
    }
    return out;
  }

  private String typeFromInflux(String id) {
    QueryResult.Series s = Influxes.firstSeries(Influxes.query(influx, database,
        "SELECT * FROM sensor_data WHERE device_id = $id ORDER BY time DESC LIMIT 1", Map.of("id", id)));
    if (s == null) {
      return null;
    }
    return (String) s.getValues().get(0).get(s.getColumns().indexOf("device_type"));
  }

  /** No rows: fine for a known device (an empty range), a 404 for an id no store has heard of. */
  private void requireKnown(String id, DeviceRepository.Lookup lookup) {
    if (lookup.known() || lookup.deletedAt().isPresent()) {
      return;
    }
    QueryResult.Series any = Influxes.firstSeries(Influxes.query(influx, database,
        "SELECT * FROM sensor_data WHERE device_id = $id LIMIT 1", Map.of("id", id)));
    if (any == null) {
      throw ApiException.notFound("device " + Text.quote(id) + " not found");
    }
  }

  /**
   * The rows as JSON, written by hand: every string here is a validated device id, a type id, a
   * field name from the table or our own timestamp format, so nothing needs escaping, and at a
   * thousand rows a request the generic generator's bookkeeping showed in the profile.
   */
  private static byte[] json(String id, String type, List<Row> rows, boolean counts) {
    StringBuilder b = new StringBuilder(64 + rows.size() * 150);
    b.append('[');
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      if (r > 0) {
        b.append(',');
      }
      b.append("{\"timestamp\":\"").append(Timestamps.format(Instant.ofEpochMilli(row.time)))
          .append("\",\"device_id\":\"").append(id)
          .append("\",\"device_type\":\"").append(row.type == null ? type : row.type).append('"');
      for (Map.Entry<String, Object> e : row.values.entrySet()) {
        b.append(",\"").append(e.getKey()).append("\":");
        Object v = e.getValue();
        if (v instanceof Boolean bool) {
          b.append(bool.booleanValue());
        } else if (counts) {
          b.append(((Number) v).longValue());
        } else {
          double d = ((Number) v).doubleValue();
          if (Double.isFinite(d)) {
            b.append(d);
          } else {
            b.append("null");
          }
        }
      }
      b.append('}');
    }
    b.append(']');
    int n = b.length();
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) b.charAt(i); // ASCII only, as said above
    }
    return out;
  }
}
