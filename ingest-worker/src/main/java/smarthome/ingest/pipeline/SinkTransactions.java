package smarthome.ingest.pipeline;

import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;
import smarthome.common.erase.PostgresDeviceEraser;
import smarthome.common.store.Jdbc;

/**
 * The PostgreSQL work of a sink: one transaction each ({@link Jdbc#inTransaction}, which keeps a
 * failed rollback from hiding the reason), its failure classified for the loop by {@link JdbcErrors}.
 */
public final class SinkTransactions {
  private SinkTransactions() {}

  /**
   * @param doing what the work does, for the error message ("writing 12 logs")
   * @throws SinkException retriable, rejected or fatal, as {@link JdbcErrors#classify} sorts it
   */
  public static <R> R inTransaction(DataSource ds, String doing, Jdbc.TxWork<R> work)
      throws SinkException {
    try {
      return Jdbc.inTransaction(ds, work);
    } catch (SQLException e) {
      throw JdbcErrors.classify(doing, e);
    }
  }

  /** A sink's {@link Sink#eraseUpTo} for a table it owns: the device's rows of that table. */
  public static void eraseUpTo(DataSource ds, PostgresDeviceEraser.Table table, String deviceId,
      Instant deletedAt) throws SinkException {
    inTransaction(ds, "erasing the " + table.name().toLowerCase(java.util.Locale.ROOT) + " rows of "
        + deviceId, c -> PostgresDeviceEraser.erase(c, table, deviceId, deletedAt));
  }
}
