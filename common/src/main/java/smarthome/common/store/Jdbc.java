package smarthome.common.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/** JDBC helpers every module shares: one transaction shape and one way of binding values. */
public final class Jdbc {
  private Jdbc() {}

  /** Work done on a connection inside a transaction. */
  @FunctionalInterface
  public interface TxWork<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs the work in one transaction: commits when it returns, rolls back when it throws. A
   * rollback that fails too (the connection broke) is attached to the original exception as
   * suppressed, so the reason the work failed is never hidden behind it.
   */
  public static <T> T inTransaction(DataSource ds, TxWork<T> work) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return inTransaction(c, work);
    }
  }

  /** As {@link #inTransaction(DataSource, TxWork)}, on a connection the caller owns. */
  public static <T> T inTransaction(Connection c, TxWork<T> work) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      try {
        c.rollback();
      } catch (SQLException | RuntimeException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    } finally {
      restoreAutoCommit(c, auto);
    }
  }

  /** Binds the arguments in order; an {@link Instant} becomes a timestamp. */
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

  private static void restoreAutoCommit(Connection c, boolean auto) {
    try {
      if (!c.isClosed()) {
        c.setAutoCommit(auto);
      }
    } catch (SQLException ignored) {
      // a broken connection: the pool discards it
    }
  }
}
