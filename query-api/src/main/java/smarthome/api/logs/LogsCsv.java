package smarthome.api.logs;

import java.util.List;
import smarthome.api.http.Csv;

/** Log lines as CSV, the columns of the JSON answer in its order. */
final class LogsCsv {
  static final List<String> HEADER = List.of("log_id", "device_id", "timestamp", "level", "event_type", "message");

  private LogsCsv() {}

  static byte[] write(List<LogView> rows) {
    return Csv.write(HEADER, rows.stream().map(l -> List.of(l.logId(), l.deviceId(), l.timestamp(), l.level(),
        l.eventType(), l.message())).toList());
  }
}
