package smarthome.api.devices;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import smarthome.api.Sql;

/** Device rows and deletion watermarks in PostgreSQL. */
@Singleton
public class DeviceRepository {
  private static final String COLUMNS = "d.device_id, d.device_type, d.location, d.manufacturer, "
      + "d.model, d.firmware_version, d.last_maintenance, d.created_at, d.updated_at, s.status, "
      + "s.last_seen, s.readings_last_hour, s.latest::text as latest";
  private static final String FROM = " from devices d left join device_state s on s.device_id = d.device_id";
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** What the API needs to know about a device id before it reads a store. */
  public record Lookup(Optional<String> deviceType, Optional<Instant> deletedAt) {
    public boolean known() {
      return deviceType.isPresent();
    }
  }

  private final Sql sql;

  public DeviceRepository(HikariDataSource ds) {
    this.sql = new Sql(ds);
  }

  public Optional<DeviceView> find(String id) {
    return sql.list("select " + COLUMNS + FROM + " where d.device_id = ?", DeviceRepository::view, id)
        .stream().findFirst();
  }

  /** One round trip: the device's type (if it has metadata) and its deletion watermark (if any). */
  public Lookup lookup(String id) {
    List<Lookup> r = sql.list("select d.device_type, w.deleted_at from (select ?::text as id) q "
        + "left join devices d on d.device_id = q.id left join device_deletions w on w.device_id = q.id",
        rs -> {
          Timestamp t = rs.getTimestamp(2);
          return new Lookup(Optional.ofNullable(rs.getString(1)),
              Optional.ofNullable(t == null ? null : t.toInstant()));
        }, id);
    return r.get(0);
  }

  /** A page of devices by id, after the cursor; filters are bound, never spliced. */
  public List<DeviceView> list(String type, String location, String status, String after, int limit) {
    StringBuilder q = new StringBuilder("select " + COLUMNS + FROM + " where true");
    List<Object> args = new ArrayList<>();
    if (type != null) {
      q.append(" and d.device_type = ?");
      args.add(type);
    }
    if (location != null) {
      q.append(" and d.location = ?");
      args.add(location);
    }
    if ("unknown".equals(status)) {
      q.append(" and s.status is null");
    } else if (status != null) {
      q.append(" and s.status = ?");
      args.add(status);
    }
    if (after != null) {
      q.append(" and d.device_id > ?");
      args.add(after);
    }
    q.append(" order by d.device_id limit ?");
    args.add(limit);
    return sql.list(q.toString(), DeviceRepository::view, args.toArray());
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

  /** The state processor's {"field": {"value": v, "timestamp": t}} as a map. */
  static java.util.Map<String, DeviceView.Latest> latest(String json) throws SQLException {
    java.util.Map<String, DeviceView.Latest> out = new java.util.LinkedHashMap<>();
    if (json == null) {
      return out;
    }
    try {
      JSON.readTree(json).fields().forEachRemaining(e -> {
        var v = e.getValue().get("value");
        out.put(e.getKey(), new DeviceView.Latest(v.isBoolean() ? (Object) v.asBoolean() : (Object) v.asDouble(),
            e.getValue().get("timestamp").asText()));
      });
    } catch (java.io.IOException e) {
      throw new SQLException("device_state.latest is not JSON", e);
    }
    return out;
  }
}
