package smarthome.ingest.logs;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import smarthome.common.erase.PostgresDeviceEraser;
import smarthome.common.logs.LogEvent;
import smarthome.common.store.Jdbc;
import smarthome.ingest.pipeline.JdbcErrors;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.pipeline.SinkTransactions;

/**
 * Logs to system_logs with COPY, about twice as fast as batched inserts here. The batch is first
 * COPYed straight into the table; if a log is already there (a redelivered batch), that COPY fails
 * on the primary key, is rolled back, and the batch goes through a temporary table and
 * {@code insert ... on conflict (log_id) do nothing} instead, so nothing is stored twice.
 */
public final class PostgresLogSink implements Sink<LogEvent> {
  private static final String STAGE = "create temporary table if not exists logs_stage "
      + "(log_id uuid, device_id text, timestamp timestamptz, level text, event_type text, "
      + "message text) on commit delete rows";
  private static final String COPY = "copy logs_stage from stdin with (format csv)";
  private static final String COPY_DIRECT = "copy system_logs (log_id, device_id, timestamp, level, "
      + "event_type, message) from stdin with (format csv)";
  private static final String UNIQUE_VIOLATION = "23505";
  private static final String MERGE = "insert into system_logs "
      + "select log_id, device_id, timestamp, level, event_type, message from logs_stage "
      + "on conflict (log_id) do nothing";

  private final DataSource ds;

  public PostgresLogSink(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public void write(List<LogEvent> batch) throws SinkException {
    if (batch.isEmpty()) {
      return;
    }
    StringWriter csv = new StringWriter(batch.size() * 160);
    try {
      for (LogEvent e : batch) {
        LogCsv.write(csv, e);
      }
    } catch (IOException e) {
      throw new IllegalStateException("writing to a StringWriter cannot fail", e);
    }
    String data = csv.toString();
    String doing = "writing " + batch.size() + " logs";
    try (Connection c = ds.getConnection()) {
      try {
        Jdbc.inTransaction(c, tx -> copy(tx, COPY_DIRECT, data));
        return;
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
      }
      // a redelivered batch: some logs are stored already, so merge instead of copying
      Jdbc.inTransaction(c, tx -> {
        try (Statement st = tx.createStatement()) {
          st.execute(STAGE);
          copy(tx, COPY, data);
          return st.executeUpdate(MERGE);
        }
      });
    } catch (SQLException e) {
      throw JdbcErrors.classify(doing, e);
    } catch (UncheckedIOException e) {
      throw SinkException.retriable("copying logs to PostgreSQL: " + e.getMessage(), e);
    }
  }

  private static long copy(Connection c, String sql, String csv) throws SQLException {
    try {
      return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(csv));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    SinkTransactions.eraseUpTo(ds, PostgresDeviceEraser.Table.LOGS, deviceId, deletedAt);
  }
}
