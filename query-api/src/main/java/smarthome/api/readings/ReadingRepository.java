package smarthome.api.readings;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.influxdb.dto.QueryResult;
import smarthome.api.infra.InfluxQuery;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.store.Influx;
import smarthome.common.store.InfluxQueries;
import smarthome.common.store.InfluxStatements;

/**
 * A device's points in InfluxDB. Only values are bound into InfluxQL ($id, $s, $e); identifiers
 * come from the device-type table, the function from {@link Aggregation}'s own values.
 */
@Singleton
public class ReadingRepository {
  private static final String OF_DEVICE = " FROM " + Influx.MEASUREMENT + " WHERE device_id = $id";

  private final InfluxQuery influx;

  public ReadingRepository(InfluxQuery influx) {
    this.influx = influx;
  }

  /** Raw points in [start, end), oldest first, at most {@code limit}; type null reads every field. */
  public List<ReadingRow> raw(String id, DeviceType type, Instant start, Instant end, int limit) {
    QueryResult.Series s = influx.firstSeries(InfluxQueries.raw(type, limit), range(id, start, end));
    List<ReadingRow> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    List<String> cols = s.getColumns();
    int typeCol = cols.indexOf("device_type");
    DeviceType t = null;
    int[] index = null;
    for (List<Object> v : s.getValues()) {
      String rowType = (String) v.get(typeCol);
      if (t == null || !t.wire().equals(rowType)) {
        t = DeviceType.fromWire(rowType).orElse(null);
        index = t == null ? new int[0] : t.fields().stream().mapToInt(f -> cols.indexOf(f.name())).toArray();
      }
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < index.length; i++) {
        Object x = index[i] < 0 ? null : v.get(index[i]);
        if (x != null) {
          values.put(t.fields().get(i).name(), x);
        }
      }
      out.add(new ReadingRow(((Number) v.get(0)).longValue(), rowType, values));
    }
    return out;
  }

  /** One row per interval in [start, end) with a value, the function applied to each field it fits. */
  public List<ReadingRow> aggregated(String id, DeviceType type, Aggregation agg, Instant start, Instant end) {
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
    q.append(OF_DEVICE).append(" AND time >= $s AND time < $e GROUP BY time(")
        .append(agg.groupBy()).append(") fill(none)");
    QueryResult.Series s = influx.firstSeries(q.toString(), range(id, start, end));
    List<ReadingRow> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    for (List<Object> v : s.getValues()) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        Object x = v.get(i + 1);
        if (x != null) {
          values.put(fields.get(i), x);
        }
      }
      out.add(new ReadingRow(((Number) v.get(0)).longValue(), type.wire(), values));
    }
    return out;
  }

  /** The device_type tag of the device's newest point, or null when InfluxDB has none. */
  public String typeOf(String id) {
    QueryResult.Series s = influx.firstSeries("SELECT *" + OF_DEVICE + " ORDER BY time DESC LIMIT 1",
        Map.of("id", id));
    if (s == null) {
      return null;
    }
    return (String) s.getValues().get(0).get(s.getColumns().indexOf("device_type"));
  }

  /** Whether InfluxDB holds any point of the device. */
  public boolean hasAny(String id) {
    return influx.firstSeries("SELECT *" + OF_DEVICE + " LIMIT 1", Map.of("id", id)) != null;
  }

  private static Map<String, Object> range(String id, Instant start, Instant end) {
    return Map.of("id", id, "s", InfluxStatements.nanos(start), "e", InfluxStatements.nanos(end));
  }
}
