package smarthome.common.erase;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;
import smarthome.common.store.Influx;
import smarthome.common.store.InfluxStatements;

/** A device's points in InfluxDB (InfluxQL {@code DELETE}, which 1.x and the v1 API of 1.8 serve). */
public final class InfluxDeviceEraser {
  private static final String WHERE = " FROM " + Influx.MEASUREMENT
      + " WHERE device_id = $id AND time <= $t";

  private final InfluxDB influx;
  private final String database;

  public InfluxDeviceEraser(InfluxDB influx, String database) {
    this.influx = influx;
    this.database = database;
  }

  /** How many points of the device are stamped at or before {@code upTo}. */
  public long countUpTo(String deviceId, Instant upTo) {
    QueryResult.Series s = InfluxStatements.firstSeries(
        InfluxStatements.run(influx, database, "SELECT count(*)" + WHERE, params(deviceId, upTo)));
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

  /** Deletes the device's points stamped at or before {@code upTo}. */
  public void eraseUpTo(String deviceId, Instant upTo) {
    InfluxStatements.run(influx, database, "DELETE" + WHERE, params(deviceId, upTo));
  }

  private static Map<String, Object> params(String deviceId, Instant upTo) {
    return Map.of("id", deviceId, "t", InfluxStatements.nanos(upTo));
  }
}
