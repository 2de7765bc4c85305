package smarthome.api.logs;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import smarthome.api.http.KeysetCursor;
import smarthome.api.http.KnownDevices;

/** A device's logs a page at a time; an id no store knows is a 404, not an empty page. */
@Singleton
public class LogService {
  private final LogRepository logs;
  private final KnownDevices known;

  public LogService(LogRepository logs, KnownDevices known) {
    this.logs = logs;
    this.known = known;
  }

  /** What one page asks for; start, end, level and after are optional (null). */
  public record Query(String deviceId, Instant start, Instant end, String level, KeysetCursor after, int limit) {}

  /** Up to limit + 1 lines: the page, and one more when there is a next page. */
  public List<LogView> pageAndOneMore(Query q) {
    List<LogView> rows = logs.page(q.deviceId(), q.start(), q.end(), q.level(), q.after(), q.limit() + 1);
    if (rows.isEmpty() && q.after() == null) {
      known.require(q.deviceId(), () -> logs.hasAny(q.deviceId()));
    }
    return rows;
  }
}
