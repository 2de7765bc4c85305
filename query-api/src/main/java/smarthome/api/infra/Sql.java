package smarthome.api.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import smarthome.common.json.Timestamps;
import smarthome.common.store.Jdbc;

/**
 * JDBC on the API's pool, one bean for every repository: every statement bound, every SQL failure
 * sorted by {@link SqlErrors} (a data error 400, an outage or a statement timeout 503).
 */
public class Sql {
  /** PostgreSQL ends any statement of the API that runs longer (set on each pooled connection). */
  public static final java.time.Duration STATEMENT_TIMEOUT = java.time.Duration.ofSeconds(10);

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
      Jdbc.bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        List<T> out = new ArrayList<>();
        while (rs.next()) {
          out.add(row.map(rs));
        }
        return out;
      }
    } catch (SQLException e) {
      throw SqlErrors.translate(e, sql);
    }
  }

  public <T> List<T> list(SqlQuery query, Row<T> row) {
    return list(query.text(), row, query.args());
  }

  public long count(String sql, Object... args) {
    List<Long> r = list(sql, rs -> rs.getLong(1), args);
    return r.isEmpty() ? 0 : r.get(0);
  }

  /** The work in one transaction ({@link Jdbc#inTransaction}): committed, or rolled back and a 503. */
  public <T> T inTransaction(Jdbc.TxWork<T> work) {
    try {
      return Jdbc.inTransaction(ds, work);
    } catch (SQLException e) {
      throw SqlErrors.translate(e, "(transaction)");
    }
  }

  /** A nullable timestamp column in the wire format. */
  public static String time(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : Timestamps.format(t.toInstant());
  }
}
