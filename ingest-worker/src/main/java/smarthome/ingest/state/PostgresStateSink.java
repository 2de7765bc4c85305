package smarthome.ingest.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import smarthome.ingest.pipeline.JdbcErrors;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;

/** The state topic into device_state: upsert where the newest updated_at wins; a tombstone deletes. */
public final class PostgresStateSink implements Sink<StateRow> {
  private static final String UPSERT = "insert into device_state (device_id, device_type, status, "
      + "last_seen, readings_last_hour, usual_interval_ms, latest, updated_at) "
      + "values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (device_id) do update set "
      + "device_type = excluded.device_type, status = excluded.status, last_seen = excluded.last_seen, "
      + "readings_last_hour = excluded.readings_last_hour, usual_interval_ms = excluded.usual_interval_ms, "
      + "latest = excluded.latest, updated_at = excluded.updated_at "
      + "where device_state.updated_at <= excluded.updated_at";

  private final DataSource ds;

  public PostgresStateSink(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public void write(List<StateRow> batch) throws SinkException {
    Map<String, StateRow> last = new LinkedHashMap<>(); // one row per device and statement
    for (StateRow r : batch) {
      last.put(r.deviceId(), r);
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up = c.prepareStatement(UPSERT);
           PreparedStatement del = c.prepareStatement("delete from device_state where device_id = ?")) {
        for (StateRow r : last.values()) {
          if (r.isTombstone()) {
            del.setString(1, r.deviceId());
            del.addBatch();
          } else {
            up.setString(1, r.deviceId());
            up.setString(2, r.deviceType());
            up.setString(3, r.status());
            up.setTimestamp(4, Timestamp.from(r.lastSeen()));
            up.setLong(5, r.readingsLastHour());
            up.setLong(6, r.usualIntervalMs());
            up.setString(7, r.latestJson());
            up.setTimestamp(8, Timestamp.from(r.updatedAt()));
            up.addBatch();
          }
        }
        del.executeBatch();
        up.executeBatch();
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw JdbcErrors.classify("writing " + last.size() + " device states", e);
    }
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "delete from device_state where device_id = ? and last_seen <= ?")) {
      ps.setString(1, deviceId);
      ps.setTimestamp(2, Timestamp.from(deletedAt));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw JdbcErrors.classify("erasing the state of " + deviceId, e);
    }
  }
}
