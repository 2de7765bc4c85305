package smarthome.ingest.state;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import smarthome.common.erase.PostgresDeviceEraser;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;
import smarthome.common.store.Jdbc;
import smarthome.ingest.pipeline.Change;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.pipeline.SinkTransactions;

/** The state topic into device_state: upsert where the newest updated_at wins; a tombstone deletes. */
public final class PostgresStateSink implements Sink<Change<DeviceStatus>> {
  private static final String UPSERT = "insert into device_state (device_id, device_type, status, "
      + "last_seen, readings_last_hour, usual_interval_ms, latest, updated_at) "
      + "values (?, ?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (device_id) do update set "
      + "device_type = excluded.device_type, status = excluded.status, last_seen = excluded.last_seen, "
      + "readings_last_hour = excluded.readings_last_hour, usual_interval_ms = excluded.usual_interval_ms, "
      + "latest = excluded.latest, updated_at = excluded.updated_at "
      + "where device_state.updated_at <= excluded.updated_at";
  private static final String DELETE = "delete from device_state where device_id = ?";

  private final DataSource ds;

  public PostgresStateSink(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public void write(List<Change<DeviceStatus>> batch) throws SinkException {
    Map<String, Change<DeviceStatus>> last = new LinkedHashMap<>(); // one row per device and statement
    for (Change<DeviceStatus> r : batch) {
      last.put(r.deviceId(), r);
    }
    SinkTransactions.inTransaction(ds, "writing " + last.size() + " device states", c -> {
      try (PreparedStatement up = c.prepareStatement(UPSERT);
           PreparedStatement del = c.prepareStatement(DELETE)) {
        for (Change<DeviceStatus> r : last.values()) {
          if (r.isTombstone()) {
            del.setString(1, r.deviceId());
            del.addBatch();
          } else {
            DeviceStatus s = r.value();
            Jdbc.bind(up, s.deviceId(), s.deviceType(), s.status(), s.lastSeen(),
                s.readingsLastHour(), s.usualIntervalMs(), DeviceStatusJson.writeLatest(s.latest()),
                s.updatedAt());
            up.addBatch();
          }
        }
        del.executeBatch();
        return up.executeBatch();
      }
    });
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    SinkTransactions.eraseUpTo(ds, PostgresDeviceEraser.Table.STATE, deviceId, deletedAt);
  }
}
