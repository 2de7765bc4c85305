package smarthome.ingest.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;
import smarthome.common.store.Jdbc;

/** The archiver's side of system_logs: which device-days are due, their rows, and deleting them. */
final class ArchivedRows {
  private static final int FETCH = 1000;
  private static final String DUE = "select l.device_id, (l.timestamp at time zone 'UTC')::date as day "
      + "from system_logs l left join device_deletions d on d.device_id = l.device_id "
      + "where l.timestamp < ? and (d.deleted_at is null or l.timestamp > d.deleted_at) "
      + "group by 1, 2 order by 1, 2";
  private static final String WINDOW = "device_id = ? and timestamp >= ? and timestamp > ? and timestamp < ?";
  private static final String SELECT = "select log_id, device_id, timestamp, level, event_type, message "
      + "from system_logs where " + WINDOW + " order by timestamp, log_id";
  private static final String DELETE = "delete from system_logs where " + WINDOW;

  private final DataSource ds;

  ArchivedRows(DataSource ds) {
    this.ds = ds;
  }

  /** The device-days with logs stamped before the cutoff, leaving out deleted lives. */
  List<Map.Entry<String, LocalDate>> due(Instant cutoff) throws SQLException {
    List<Map.Entry<String, LocalDate>> out = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(DUE)) {
      Jdbc.bind(ps, cutoff);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Map.entry(rs.getString(1), rs.getObject(2, LocalDate.class)));
        }
      }
    }
    return out;
  }

  /**
   * The window's rows in (timestamp, log_id) order, read through a cursor (the caller's
   * transaction), so a day of any size takes little memory.
   */
  PreparedStatement select(Connection c, DayWindow w) throws SQLException {
    PreparedStatement ps = c.prepareStatement(SELECT);
    ps.setFetchSize(FETCH);
    bind(ps, w);
    return ps;
  }

  /** The next row of {@link #select}'s result as a log event, or null at the end. */
  static LogEvent next(ResultSet rs) throws SQLException {
    if (!rs.next()) {
      return null;
    }
    return new LogEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
        LogLevel.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6));
  }

  /** Deletes the window's rows that the caller's transaction sees; returns how many. */
  long delete(Connection c, DayWindow w) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DELETE)) {
      bind(ps, w);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, DayWindow w) throws SQLException {
    Jdbc.bind(ps, w.deviceId(), w.from(), w.after(), w.to());
  }
}
