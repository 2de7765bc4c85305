package smarthome.ingest.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.influxdb.InfluxDBException;
import org.junit.jupiter.api.Test;
import smarthome.ingest.pipeline.JdbcErrors;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.readings.InfluxReadingSink;

/** Start-up steps: retried while a store is unavailable, stopped by the store's classifier. */
class StartupWaitTest {
  final StartupWait wait = new StartupWait(Duration.ofMillis(1), Duration.ofMillis(5), () -> false);

  @Test
  void anUnavailableStoreIsWaitedFor() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String r = wait.until("PostgreSQL schema", () -> {
      if (calls.incrementAndGet() < 3) {
        throw JdbcErrors.classify("migrating", new SQLException("Connection refused", "08001"));
      }
      return "ready";
    });
    assertEquals("ready", r);
    assertEquals(3, calls.get());
  }

  @Test
  void badPostgresCredentialsStopTheStartWithTheClassifiersMessage() {
    var e = assertThrows(StartupException.class, () -> wait.until("PostgreSQL schema", () -> {
      throw JdbcErrors.classifyCause("migrating the schema", new IllegalStateException("flyway",
          new SQLException("password authentication failed for user \"u\"", "28P01")));
    }));
    assertTrue(e.getMessage().contains("POSTGRES_USER and POSTGRES_PASSWORD"), e.getMessage());
  }

  @Test
  void badInfluxCredentialsStopTheStartWithTheClassifiersMessage() {
    var e = assertThrows(StartupException.class, () -> wait.until("InfluxDB database", () -> {
      throw InfluxReadingSink.classify("creating database smarthome",
          InfluxDBException.buildExceptionForErrorState("{\"error\":\"authorization failed\"}"));
    }));
    assertTrue(e.getMessage().contains("INFLUXDB_USER and INFLUXDB_TOKEN"), e.getMessage());
  }

  @Test
  void aStopWhileWaitingEndsTheWait() {
    StartupWait stopped = new StartupWait(Duration.ofMillis(1), Duration.ofMillis(5), () -> true);
    assertThrows(InterruptedException.class, () -> stopped.until("Kafka topics", () -> {
      throw SinkException.retriable("down", null);
    }));
  }
}
