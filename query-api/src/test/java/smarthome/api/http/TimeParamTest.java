package smarthome.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiException;

class TimeParamTest {
  static final Instant EIGHT_UTC = Instant.parse("2026-11-26T08:00:00Z");

  @Test
  void isoWithOffsetOrZ() {
    assertEquals(EIGHT_UTC, TimeParam.parse("t", "2026-11-26T08:00:00Z"));
    assertEquals(EIGHT_UTC, TimeParam.parse("t", "2026-11-26T09:00:00+01:00"));
    assertEquals(EIGHT_UTC, TimeParam.parse("t", "2026-11-26T03:30:00-04:30"));
    assertEquals(EIGHT_UTC.plusMillis(250), TimeParam.parse("t", "2026-11-26T08:00:00.250Z"));
    assertEquals(EIGHT_UTC.plusMillis(250), TimeParam.parse("t", "2026-11-26T08:00:00.250999Z"),
        "truncated to the stores' milliseconds");
  }

  @Test
  void noOffsetIsUtc() {
    assertEquals(EIGHT_UTC, TimeParam.parse("t", "2026-11-26T08:00:00"));
    assertEquals(EIGHT_UTC, TimeParam.parse("t", "2026-11-26T08:00"));
    assertEquals(EIGHT_UTC.plusMillis(5), TimeParam.parse("t", "2026-11-26T08:00:00.005"));
  }

  @Test
  void aDateAloneIsItsUtcMidnight() {
    assertEquals(Instant.parse("2026-11-26T00:00:00Z"), TimeParam.parse("t", "2026-11-26"));
  }

  @Test
  void integersAreEpochMillisOrSecondsUpToTenDigits() {
    assertEquals(EIGHT_UTC, TimeParam.parse("t", String.valueOf(EIGHT_UTC.toEpochMilli())));
    assertEquals(EIGHT_UTC, TimeParam.parse("t", String.valueOf(EIGHT_UTC.getEpochSecond())));
    assertEquals(Instant.ofEpochSecond(9_999_999_999L), TimeParam.parse("t", "9999999999"));
    assertEquals(Instant.ofEpochMilli(10_000_000_000L), TimeParam.parse("t", "10000000000"));
    assertEquals(Instant.EPOCH, TimeParam.parse("t", "0"));
  }

  @Test
  void aPlusThatArrivedAsASpaceIsAPlus() {
    assertEquals(EIGHT_UTC, TimeParam.parse("t", "2026-11-26T09:00:00 01:00"));
    assertEquals(EIGHT_UTC, TimeParam.parse("t", "2026-11-26T09:00:00.000 01:00"));
  }

  @Test
  void anythingElseIs400ListingTheAcceptedForms() {
    for (String bad : new String[] {"yesterday", "2026-13-01", "2026-11-26 08:00:00", "26/11/2026",
        "-1764144000", "1764144000.5", "2026-11-26T08:00:00 25:00", "2026-11-26 01:00",
        "12345678901234567890"}) {
      ApiException e = assertThrows(ApiException.class, () -> TimeParam.parse("start_time", bad), bad);
      assertEquals(HttpStatus.BAD_REQUEST, e.status(), bad);
      assertTrue(e.getMessage().startsWith("start_time '"), e.getMessage());
      assertTrue(e.getMessage().contains(TimeParam.ACCEPTED), e.getMessage());
    }
    assertEquals(EIGHT_UTC, TimeParam.parse("t", "2026-11-26T09:00:00+01:00 "), "surrounding blanks are ignored");
  }
}
