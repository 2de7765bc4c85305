package smarthome.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.store.Postgres;

class PostgresSmokeIT {
  @Test
  void migratesIdempotentlyAndRoundTripsARow() throws Exception {
    try (HikariDataSource ds = Postgres.pool(TestStack.postgres(), "smoke", 2)) {
      // Given the schema migrated (twice: the second run must be a no-op)
      Postgres.migrate(ds);
      assertEquals(0, Postgres.migrate(ds).migrationsExecuted);
      try (Connection c = ds.getConnection()) {
        Set<String> tables = new HashSet<>();
        try (ResultSet rs = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
          while (rs.next()) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
        assertTrue(tables.containsAll(Set.of("devices", "system_logs", "device_images",
            "device_deletions")), tables.toString());

        // When a log row is inserted twice with the same id
        UUID id = UUID.randomUUID();
        String sql = "insert into system_logs(log_id, device_id, timestamp, level, event_type, message)"
            + " values (?, ?, ?, ?, ?, ?) on conflict (log_id) do nothing";
        int inserted = 0;
        for (int i = 0; i < 2; i++) {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            ps.setString(2, "smoke-dev");
            ps.setTimestamp(3, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
            ps.setString(4, "INFO");
            ps.setString(5, "smoke");
            ps.setString(6, "hello");
            inserted += ps.executeUpdate();
          }
        }
        // Then it is stored once and reads back
        assertEquals(1, inserted);
        try (PreparedStatement ps = c.prepareStatement(
            "select message from system_logs where log_id = ?")) {
          ps.setObject(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
            assertEquals("hello", rs.getString(1));
          }
        }
        try (PreparedStatement ps = c.prepareStatement("delete from system_logs where log_id = ?")) {
          ps.setObject(1, id);
          assertEquals(1, ps.executeUpdate());
        }
      }
    }
  }
}
