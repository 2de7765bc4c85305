package smarthome.ingest.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;

class LogCsvTest {
  @Test
  void quotesTextAndDoublesQuotesSoCommasAndLineBreaksSurvive() throws Exception {
    StringWriter w = new StringWriter();
    LogCsv.write(w, new LogEvent(UUID.fromString("00000000-0000-4000-8000-000000000001"), "cam-1",
        Instant.parse("2026-01-01T00:00:00.5Z"), LogLevel.WARN, "wifi_weak",
        "said \"hi\", then\nleft"));
    assertEquals("00000000-0000-4000-8000-000000000001,cam-1,2026-01-01T00:00:00.500Z,WARN,"
        + "\"wifi_weak\",\"said \"\"hi\"\", then\nleft\"\n", w.toString());
  }

  @Test
  void anEmptyMessageStaysAnEmptyStringNotNull() throws Exception {
    StringWriter w = new StringWriter();
    LogCsv.quoted(w, "");
    assertEquals("\"\"", w.toString());
  }
}
