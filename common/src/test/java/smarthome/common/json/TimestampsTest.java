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

  @Test
  void theCanonicalParseAgreesWithTheGeneralOneOnEveryKindOfDate() {
    java.util.Random random = new java.util.Random(19);
    long min = Instant.parse("0000-01-01T00:00:00Z").toEpochMilli();
    long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    for (int i = 0; i < 200_000; i++) {
      long ms = i < 1000 ? Instant.parse((1996 + i % 8) + "-03-01T00:00:00Z").toEpochMilli() - i % 3
          : min + (long) (random.nextDouble() * (max - min));
      String text = Timestamps.format(Instant.ofEpochMilli(ms));
      assertEquals(ms, Timestamps.canonicalMillis(text), text);
    }
    for (String other : new String[] {"2026-02-29T00:00:00.000Z", "2026-04-31T00:00:00.000Z",
        "2026-01-02T24:00:00.000Z", "2026-01-02T03:04:05Z", "2026-01-02T03:04:05.678+00:00",
        "2026-1-02T03:04:05.678Z", "2026-01-02 03:04:05.678Z", "+2026-01-02T03:04:05.67Z"}) {
      assertEquals(Timestamps.NOT_CANONICAL, Timestamps.canonicalMillis(other), other);
    }
    assertEquals(Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(),
        Timestamps.canonicalMillis("2024-02-29T23:59:59.999Z"));
  }
}
