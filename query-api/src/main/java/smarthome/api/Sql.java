package smarthome.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.common.json.Timestamps;

/** Small JDBC helpers: every statement bound, every SQL failure a 503 naming PostgreSQL. */
public final class Sql {
  @FunctionalInterface
  public interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final DataSource ds;

  public Sql(DataSource ds) {
    this.ds = ds;
  }

  public <T> List<T> list(String sql, Row<T> row, Object... args) {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw new StoreUnavailableException("postgresql", e);
    }
  }

  public long count(String sql, Object... args) {
    List<Long> r = list(sql, rs -> rs.getLong(1), args);
    return r.isEmpty() ? 0 : r.get(0);
  }

  public static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof Instant t) {
        ps.setTimestamp(i + 1, Timestamp.from(t));
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  public static String time(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : Timestamps.format(t.toInstant());
  }

  public DataSource dataSource() {
    return ds;
  }
}
