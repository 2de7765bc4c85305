package smarthome.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.Test;
import smarthome.ingest.pipeline.SinkException.Kind;
import smarthome.ingest.readings.InfluxReadingSink;

/** Which store errors retry, which isolate bad records, which stop the worker. */
class ErrorClassificationTest {
  @Test
  void postgresConnectionTroubleRetries() {
    assertEquals(Kind.RETRIABLE, JdbcErrors.classify("x", new SQLException("refused", "08001")).kind());
    assertEquals(Kind.RETRIABLE, JdbcErrors.classify("x", new SQLException("shutdown", "57P01")).kind());
    assertEquals(Kind.RETRIABLE, JdbcErrors.classify("x", new SQLException("too many", "53300")).kind());
    assertEquals(Kind.RETRIABLE, JdbcErrors.classify("x", new SQLException("deadlock", "40P01")).kind());
    assertEquals(Kind.RETRIABLE,
        JdbcErrors.classify("x", new SQLTransientConnectionException("pool timeout")).kind());
  }

  @Test
  void postgresBadCredentialsAreFatalAndNameTheSettings() {
    SinkException e = JdbcErrors.classify("x", new SQLException("password authentication failed", "28P01"));
    assertEquals(Kind.FATAL, e.kind());
    assertTrue(e.getMessage().contains("POSTGRES_USER") && e.getMessage().contains("POSTGRES_PASSWORD"));
  }

  @Test
  void aWrappedPostgresErrorIsSortedByTheSqlExceptionInItsCauses() {
    // as Flyway reports a login the pool could not make
    var flyway = new IllegalStateException("Unable to obtain connection from database",
        new SQLTransientConnectionException("ingest - Connection is not available", "28P01",
            new SQLException("FATAL: password authentication failed for user \"u\"", "28P01")));
    SinkException e = JdbcErrors.classifyCause("migrating the schema", flyway);
    assertEquals(Kind.FATAL, e.kind());
    assertTrue(e.getMessage().contains("POSTGRES_PASSWORD"), e.getMessage());
    assertTrue(e.getMessage().contains("password authentication failed"), "the server's own words");
    assertEquals(Kind.RETRIABLE, JdbcErrors.classifyCause("x", new IllegalStateException("no answer")).kind());
  }

  @Test
  void postgresDataErrorsAreRejectedForIsolation() {
    assertEquals(Kind.REJECTED, JdbcErrors.classify("x", new SQLException("bad value", "22P02")).kind());
    assertEquals(Kind.REJECTED, JdbcErrors.classify("x", new SQLException("fk", "23503")).kind());
  }

  @Test
  void influxIoErrorsRetryAndRefusedPointsAreRejected() {
    assertEquals(Kind.RETRIABLE, InfluxReadingSink.classify("w",
        new InfluxDBIOException(new IOException("Connection refused"))).kind());
    assertEquals(Kind.RETRIABLE, InfluxReadingSink.classify("w",
        InfluxDBException.buildExceptionForErrorState("{\"error\":\"timeout\"}")).kind());
    assertEquals(Kind.REJECTED, InfluxReadingSink.classify("w", InfluxDBException
        .buildExceptionForErrorState("{\"error\":\"partial write: field type conflict: input field "
            + "\\\"temperature\\\" is type boolean, already exists as type float dropped=1\"}")).kind());
    assertEquals(Kind.REJECTED, InfluxReadingSink.classify("w",
        InfluxDBException.buildExceptionForErrorState("{\"error\":\"unable to parse 'x'\"}")).kind());
  }

  @Test
  void influxAuthAndMissingDatabaseAreFatal() {
    SinkException auth = InfluxReadingSink.classify("w",
        InfluxDBException.buildExceptionForErrorState("{\"error\":\"authorization failed\"}"));
    assertEquals(Kind.FATAL, auth.kind());
    assertTrue(auth.getMessage().contains("INFLUXDB_TOKEN"));
    SinkException db = InfluxReadingSink.classify("w",
        InfluxDBException.buildExceptionForErrorState("{\"error\":\"database not found: \\\"x\\\"\"}"));
    assertEquals(Kind.FATAL, db.kind());
    assertTrue(db.getMessage().contains("INFLUXDB_BUCKET"));
  }

  @Test
  void influxWithoutCredentialsWhereTheyAreRequiredIsFatalNotARefusedPoint() {
    // influxdb-java files InfluxDB's "unable to parse authentication credentials" as a parse error
    SinkException e = InfluxReadingSink.classify("w", InfluxDBException.buildExceptionForErrorState(
        "{\"error\":\"unable to parse authentication credentials\"}"));
    assertEquals(Kind.FATAL, e.kind());
    assertTrue(e.getMessage().contains("INFLUXDB_TOKEN"));
  }
}
