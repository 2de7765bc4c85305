package smarthome.common.erase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import smarthome.common.store.Jdbc;

/**
 * A device's rows in PostgreSQL, table by table. Each table is cut at its own time column: the
 * instant that says which life of the device a row belongs to.
 */
public final class PostgresDeviceEraser {
  /** The tables that hold a device's data, each with the column that dates a row. */
  public enum Table {
    DEVICES("devices", "updated_at"),
    LOGS("system_logs", "timestamp"),
    IMAGES("device_images", "captured_at"),
    STATE("device_state", "last_seen");

    private final String delete;

    Table(String name, String timeColumn) {
      this.delete = "delete from " + name + " where device_id = ? and " + timeColumn + " <= ?";
    }
  }

  private static final String WATERMARK = "insert into device_deletions (device_id, deleted_at) "
      + "values (?, ?) on conflict (device_id) "
      + "do update set deleted_at = greatest(device_deletions.deleted_at, excluded.deleted_at)";

  private PostgresDeviceEraser() {}

  /** Deletes the device's rows of one table stamped at or before {@code upTo}; returns how many. */
  public static long erase(Connection c, Table table, String deviceId, Instant upTo)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(table.delete)) {
      Jdbc.bind(ps, deviceId, upTo);
      return ps.executeUpdate();
    }
  }

  /** Deletes the device's rows of every table, on the caller's connection (and transaction). */
  public static Map<Table, Long> eraseAll(Connection c, String deviceId, Instant upTo)
      throws SQLException {
    Map<Table, Long> removed = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      removed.put(t, erase(c, t, deviceId, upTo));
    }
    return removed;
  }

  /**
   * Deletes the device's image index rows stamped at or before {@code upTo} and returns their S3
   * keys, so the objects can follow.
   */
  public static List<String> eraseImageRows(Connection c, String deviceId, Instant upTo)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(Table.IMAGES.delete + " returning s3_key")) {
      Jdbc.bind(ps, deviceId, upTo);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    }
    return keys;
  }

  /**
   * Records the deletion watermark: from now on sinks drop the device's events stamped at or
   * before {@code deletedAt}. A later watermark never moves back.
   */
  public static void recordDeletion(Connection c, String deviceId, Instant deletedAt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(WATERMARK)) {
      Jdbc.bind(ps, deviceId, deletedAt);
      ps.executeUpdate();
    }
  }
}
