package smarthome.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void formatsUtcWithMillisecondsAlways() {
    assertEquals("2026-01-02T03:04:05.000Z", Timestamps.format(Instant.parse("2026-01-02T03:04:05Z")));
    assertEquals("2026-01-02T03:04:05.120Z",
        Timestamps.format(Instant.parse("2026-01-02T03:04:05.12Z")));
  }

  @Test
  void parsesOffsetsToUtcAndTruncatesToMilliseconds() {
    assertEquals(Instant.parse("2026-01-02T02:04:05.123Z"),
        Timestamps.parse("2026-01-02T03:04:05.123456+01:00"));
  }

  @Test
  void refusesTimesWithoutOffset() {
    assertThrows(DateTimeParseException.class, () -> Timestamps.parse("2026-01-02T03:04:05"));
    assertThrows(DateTimeParseException.class, () -> Timestamps.parse("2026-01-02"));
  }

  @Test
  void saneWindowIsYear2000ToOneDayAhead() throws Exception {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    Timestamps.checkSane("t", Timestamps.EARLIEST, now);
    Timestamps.checkSane("t", now.plusSeconds(86_400), now);
    assertThrows(InvalidEventException.class,
        () -> Timestamps.checkSane("t", now.plusSeconds(86_401), now));
    assertThrows(InvalidEventException.class,
        () -> Timestamps.checkSane("t", Timestamps.EARLIEST.minusMillis(1), now));
  }
}
