package smarthome.ingest.devices;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import smarthome.common.devices.Device;
import smarthome.common.erase.PostgresDeviceEraser;
import smarthome.common.store.Jdbc;
import smarthome.ingest.pipeline.Change;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.pipeline.SinkTransactions;

/**
 * Device metadata to the devices table: an upsert where the newest updated_at wins, so an old
 * record replayed after a newer one changes nothing; a tombstone deletes the row if it is not
 * newer than the tombstone.
 */
public final class PostgresDeviceSink implements Sink<Change<Device>> {
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
  public void write(List<Change<Device>> batch) throws SinkException {
    // one statement may not touch a row twice: keep, per device, what comes after its last
    // tombstone, and of the updates only the newest
    Map<String, Instant> deletes = new LinkedHashMap<>();
    Map<String, Device> upserts = new LinkedHashMap<>();
    for (Change<Device> c : batch) {
      if (c.isTombstone()) {
        deletes.merge(c.deviceId(), c.at(), (a, b) -> a.isAfter(b) ? a : b);
        upserts.remove(c.deviceId());
      } else {
        upserts.merge(c.deviceId(), c.value(),
            (a, b) -> b.updatedAt().isBefore(a.updatedAt()) ? a : b);
      }
    }
    SinkTransactions.inTransaction(ds, "writing " + batch.size() + " device records", c -> {
      if (!deletes.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(DELETE)) {
          for (var d : deletes.entrySet()) {
            Jdbc.bind(ps, d.getKey(), d.getValue());
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      if (!upserts.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
          for (Device d : upserts.values()) {
            bind(ps, d);
            ps.addBatch();
          }
          ps.executeBatch();
        }
      }
      return null;
    });
  }

  private static void bind(PreparedStatement ps, Device d) throws SQLException {
    Jdbc.bind(ps, d.deviceId(), d.deviceType().wire(), d.location(), d.manufacturer(), d.model(),
        d.firmwareVersion(), d.lastMaintenance(), d.createdAt(), d.updatedAt());
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    SinkTransactions.eraseUpTo(ds, PostgresDeviceEraser.Table.DEVICES, deviceId, deletedAt);
  }
}
