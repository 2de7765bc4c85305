package smarthome.ingest.logs;

import java.io.IOException;
import java.io.Writer;
import smarthome.common.json.Timestamps;
import smarthome.common.logs.LogEvent;

/** One log event as a CSV line for COPY: log_id,device_id,timestamp,level,event_type,message. */
public final class LogCsv {
  private LogCsv() {}

  public static void write(Writer out, LogEvent e) throws IOException {
    out.write(e.eventId().toString());
    out.write(',');
    out.write(e.deviceId()); // validated: no comma, quote or line break possible
    out.write(',');
    out.write(Timestamps.format(e.timestamp()));
    out.write(',');
    out.write(e.level().name());
    out.write(',');
    quoted(out, e.eventType());
    out.write(',');
    quoted(out, e.message());
    out.write('\n');
  }

  /** Always quoted, quotes doubled: commas, quotes and line breaks in messages survive. */
  static void quoted(Writer out, String s) throws IOException {
    out.write('"');
    int from = 0;
    for (int i = s.indexOf('"'); i >= 0; i = s.indexOf('"', from)) {
      out.write(s, from, i - from + 1);
      out.write('"');
      from = i + 1;
    }
    out.write(s, from, s.length() - from);
    out.write('"');
  }
}
