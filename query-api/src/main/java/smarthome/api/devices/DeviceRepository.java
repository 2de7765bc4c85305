package smarthome.api.devices;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import smarthome.api.infra.Sql;
import smarthome.api.infra.SqlQuery;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.Timestamps;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;

/** Device rows with their live state, and deletion watermarks, in PostgreSQL. */
@Singleton
public class DeviceRepository {
  private static final String COLUMNS = "d.device_id, d.device_type, d.location, d.manufacturer, "
      + "d.model, d.firmware_version, d.last_maintenance, d.created_at, d.updated_at, s.status, "
      + "s.last_seen, s.readings_last_hour, s.latest::text as latest";
  private static final String FROM = " from devices d left join device_state s on s.device_id = d.device_id";

  private final Sql sql;

  public DeviceRepository(Sql sql) {
    this.sql = sql;
  }

  public Optional<DeviceView> find(String id) {
    return sql.list("select " + COLUMNS + FROM + " where d.device_id = ?", DeviceRepository::view, id)
        .stream().findFirst();
  }

  /** One round trip: the device's type (if it has metadata) and its deletion watermark (if any). */
  public DeviceLookup lookup(String id) {
    List<DeviceLookup> r = sql.list("select d.device_type, w.deleted_at from (select ?::text as id) q "
        + "left join devices d on d.device_id = q.id left join device_deletions w on w.device_id = q.id",
        rs -> {
          Timestamp t = rs.getTimestamp(2);
          return new DeviceLookup(Optional.ofNullable(rs.getString(1)),
              Optional.ofNullable(t == null ? null : t.toInstant()));
        }, id);
    return r.get(0);
  }

  /** A page of devices by id, after the cursor; filters are bound, never spliced. */
  public List<DeviceView> list(String type, String location, String status, String after, int limit) {
    boolean unknown = "unknown".equals(status);
    SqlQuery q = new SqlQuery("select " + COLUMNS + FROM + " where true")
        .and("d.device_type = ?", type)
        .and("d.location = ?", location)
        .and(unknown, "s.status is null")
        .and("s.status = ?", unknown ? null : status)
        .and("d.device_id > ?", after)
        .then(" order by d.device_id limit ?", limit);
    return sql.list(q, DeviceRepository::view);
  }

  public List<String> distinct(String column) {
    if (!column.equals("device_type") && !column.equals("location")) {
      throw new IllegalArgumentException(column);
    }
    return sql.list("select distinct " + column + " from devices order by 1", rs -> rs.getString(1));
  }

  static DeviceView view(ResultSet rs) throws SQLException {
    String status = rs.getString("status");
    int lastHour = rs.getInt("readings_last_hour");
    return new DeviceView(rs.getString("device_id"), rs.getString("device_type"),
        rs.getString("location"), rs.getString("manufacturer"), rs.getString("model"),
        rs.getString("firmware_version"), Sql.time(rs, "last_maintenance"),
        Sql.time(rs, "created_at"), Sql.time(rs, "updated_at"),
        status == null ? "unknown" : status, Sql.time(rs, "last_seen"),
        status == null ? null : lastHour, latest(rs.getString("latest")));
  }

  /** The device_state.latest column (written by the state sink in DeviceStatusJson's form) as the API shows it. */
  static Map<String, DeviceView.Latest> latest(String json) throws SQLException {
    Map<String, DeviceView.Latest> out = new LinkedHashMap<>();
    if (json == null) {
      return out;
    }
    try {
      for (Map.Entry<String, DeviceStatus.Latest> e : DeviceStatusJson.parseLatest(json).entrySet()) {
        out.put(e.getKey(), new DeviceView.Latest(e.getValue().value(),
            Timestamps.format(e.getValue().timestamp())));
      }
    } catch (InvalidEventException e) {
      throw new SQLException("device_state.latest is not JSON", e);
    }
    return out;
  }
}
