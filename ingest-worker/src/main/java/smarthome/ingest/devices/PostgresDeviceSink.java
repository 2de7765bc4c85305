package smarthome.ingest.devices;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import smarthome.common.devices.Device;
import smarthome.ingest.pipeline.JdbcErrors;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;

/**
 * Device metadata to the devices table: an upsert where the newest updated_at wins, so an old
 * record replayed after a newer one changes nothing; a tombstone deletes the row if it is not
 * newer than the tombstone.
 */
public final class PostgresDeviceSink implements Sink<DeviceChange> {
  private static final String UPSERT = "insert into devices (device_id, device_type, location, "
      + "manufacturer, model, firmware_version, last_maintenance, created_at, updated_at) "
      + "values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (device_id) do update set "
      + "device_type = excluded.device_type, location = excluded.location, "
      + "manufacturer = excluded.manufacturer, model = excluded.model, "
      + "firmware_version = excluded.firmware_version, last_maintenance = excluded.last_maintenance, "
      + "created_at = excluded.created_at, updated_at = excluded.updated_at "
      + "where devices.updated_at <= excluded.updated_at";
  private static final String DELETE = "delete from devices where device_id = ? and updated_at <= ?";

  private final DataSource ds;

  public PostgresDeviceSink(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public void write(List<DeviceChange> batch) throws SinkException {
    // one statement may not touch a row twice: keep, per device, what comes after its last
    // tombstone, and of the updates only the newest
    Map<String, Instant> deletes = new LinkedHashMap<>();
    Map<String, Device> upserts = new LinkedHashMap<>();
    for (DeviceChange c : batch) {
      if (c.isTombstone()) {
        deletes.merge(c.deviceId(), c.at(), (a, b) -> a.isAfter(b) ? a : b);
        upserts.remove(c.deviceId());
      } else {
        upserts.merge(c.deviceId(), c.device(),
            (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
      }
    }
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!deletes.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(DELETE)) {
            for (var d : deletes.entrySet()) {
              ps.setString(1, d.getKey());
              ps.setTimestamp(2, Timestamp.from(d.getValue()));
              ps.addBatch();
            }
            ps.executeBatch();
          }
        }
        if (!upserts.isEmpty()) {
          try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (Device d : new ArrayList<>(upserts.values())) {
              bind(ps, d);
              ps.addBatch();
            }
            ps.executeBatch();
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          // broken connection: the transaction is gone anyway
        }
        throw e;
      }
    } catch (SQLException e) {
      throw JdbcErrors.classify("writing " + batch.size() + " device records", e);
    }
  }

  private static void bind(PreparedStatement ps, Device d) throws SQLException {
    ps.setString(1, d.deviceId());
    ps.setString(2, d.deviceType().wire());
    ps.setString(3, d.location());
    ps.setString(4, d.manufacturer());
    ps.setString(5, d.model());
    ps.setString(6, d.firmwareVersion());
    ps.setTimestamp(7, d.lastMaintenance() == null ? null : Timestamp.from(d.lastMaintenance()));
    ps.setTimestamp(8, Timestamp.from(d.createdAt()));
    ps.setTimestamp(9, Timestamp.from(d.updatedAt()));
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(DELETE)) {
      ps.setString(1, deviceId);
      ps.setTimestamp(2, Timestamp.from(deletedAt));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw JdbcErrors.classify("erasing device " + deviceId, e);
    }
  }
}
