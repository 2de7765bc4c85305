package smarthome.api.logs;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import smarthome.api.infra.Sql;
import smarthome.api.infra.SqlQuery;
import smarthome.api.http.KeysetCursor;

/** A device's log lines in PostgreSQL (system_logs), newest first by (timestamp, log_id). */
@Singleton
public class LogRepository {
  private final Sql sql;

  public LogRepository(Sql sql) {
    this.sql = sql;
  }

  /**
   * Up to {@code limit} lines in [start, end) (either may be null) of one level (null: all), after
   * the cursor (null: from the newest); filters are bound, never spliced.
   */
  public List<LogView> page(String id, Instant start, Instant end, String level, KeysetCursor after, int limit) {
    SqlQuery q = new SqlQuery("select log_id, device_id, timestamp, level, event_type, message "
        + "from system_logs where device_id = ?", id)
        .and("timestamp >= ?", start)
        .and("timestamp < ?", end)
        .and("level = ?", level);
    if (after != null) {
      q.and(true, "(timestamp, log_id) < (?, ?)", after.time(), after.id());
    }
    q.then(" order by timestamp desc, log_id desc limit ?", limit);
    return sql.list(q, rs -> new LogView(rs.getString(1), rs.getString(2),
        Sql.time(rs, "timestamp"), rs.getString(4), rs.getString(5), rs.getString(6)));
  }

  /** Whether PostgreSQL holds any log line of the device. */
  public boolean hasAny(String id) {
    return sql.count("select count(*) from (select 1 from system_logs where device_id = ? limit 1) x", id) > 0;
  }
}
