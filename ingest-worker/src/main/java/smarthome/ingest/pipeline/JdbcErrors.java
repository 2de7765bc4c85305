package smarthome.ingest.pipeline;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/**
 * Sorts PostgreSQL errors by SQLSTATE (Debezium's JdbcChangeEventSink does the same from the cause
 * chain): connection trouble and server shutdown retry, bad credentials stop the worker naming the
 * settings, and data the server refuses is rejected so the loop can isolate it.
 */
public final class JdbcErrors {
  private JdbcErrors() {}

  public static SinkException classify(String doing, SQLException e) {
    String state = sqlState(e);
    String what = doing + ": " + e.getMessage() + (state == null ? "" : " (SQLSTATE " + state + ")");
    if (state == null) {
      // no state: the driver could not talk to the server at all (I/O, pool timeout)
      return SinkException.retriable(what, e);
    }
    if (state.startsWith("28")) {
      return SinkException.fatal("PostgreSQL refused the login: check POSTGRES_USER and "
          + "POSTGRES_PASSWORD (" + what + ")", e);
    }
    if (state.equals("3D000")) {
      return SinkException.fatal("PostgreSQL database does not exist: check POSTGRES_DB (" + what + ")", e);
    }
    if (state.startsWith("08") || state.startsWith("57") || state.startsWith("53")
        || state.equals("40001") || state.equals("40P01") || state.startsWith("58")
        || state.equals("XX000") || e instanceof SQLTransientException) {
      return SinkException.retriable(what, e);
    }
    if (state.startsWith("42")) {
      return SinkException.fatal("the schema is not what this worker expects (" + what + ")", e);
    }
    return SinkException.rejected(what, e);
  }

  /**
   * The same for a failure that wraps a JDBC one (Flyway, a pool): the innermost SQLException in
   * the cause chain decides (the driver's own, whose message says what the server answered);
   * without one, the driver never got an answer, which is retriable.
   */
  public static SinkException classifyCause(String doing, Exception e) {
    SQLException innermost = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        innermost = s;
      }
    }
    if (innermost == null) {
      return SinkException.retriable(doing + ": " + e.getMessage(), e);
    }
    SinkException c = classify(doing, innermost);
    return new SinkException(c.kind(), c.getMessage(), e);
  }

  private static String sqlState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }
}
