package smarthome.ingest.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Deletion watermarks (DESIGN.md, "Delivery and deletion semantics"): the API records
 * (device_id, deleted_at) in device_deletions before it erases the stores. A sink drops events of
 * such a device stamped at or before deleted_at, so a backlog in Kafka never brings a deleted
 * device back. The sink asks before writing a batch and again after: a watermark that appeared in
 * between means the DELETE may have run before our write landed, so the sink erases what it wrote.
 */
public interface Watermarks {
  /** The watermarks of these devices; devices never deleted are absent. */
  Map<String, Instant> of(Collection<String> deviceIds) throws SinkException;

  /** Watermarks read from PostgreSQL's device_deletions table. */
  static Watermarks postgres(DataSource ds) {
    return new Postgres(ds);
  }

  /** Reads device_deletions by primary key for the devices of one batch. */
  final class Postgres implements Watermarks {
    private static final String SQL =
        "select device_id, deleted_at from device_deletions where device_id = any(?)";

    private final DataSource ds;

    Postgres(DataSource ds) {
      this.ds = ds;
    }

    @Override
    public Map<String, Instant> of(Collection<String> deviceIds) throws SinkException {
      if (deviceIds.isEmpty()) {
        return Map.of();
      }
      try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
        ps.setArray(1, c.createArrayOf("text", deviceIds.toArray()));
        Map<String, Instant> out = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
          }
        }
        return out;
      } catch (SQLException e) {
        throw JdbcErrors.classify("reading deletion watermarks", e);
      }
    }
  }
}
