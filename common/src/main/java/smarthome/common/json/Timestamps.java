package smarthome.common.json;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** The one timestamp format on the wire: UTC ISO-8601 with milliseconds, e.g. 2026-01-02T03:04:05.678Z. */
public final class Timestamps {
  /** Nothing in a smart home was measured before this; older stamps are clock or encoding bugs. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
  /** Tolerated clock skew of a device into the future. */
  public static final Duration MAX_FUTURE = Duration.ofDays(1);

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  public static String format(Instant t) {
    return FORMAT.format(t);
  }

  /**
   * Parses an ISO-8601 date-time that carries an offset ('Z' or '+01:00'); a local time without an
   * offset is ambiguous and rejected. The result is truncated to milliseconds, the store precision.
   */
  public static Instant parse(String text) throws DateTimeParseException {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        .toInstant()
        .truncatedTo(ChronoUnit.MILLIS);
  }

  /** Parses and checks a timestamp field of an event. */
  public static Instant parseEventTime(String field, String text, Instant now)
      throws InvalidEventException {
    Instant t;
    try {
      t = parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidEventException(
          field + " " + Text.quote(text) + " is not an ISO-8601 date-time with offset");
    }
    checkSane(field, t, now);
    return t;
  }

  public static void checkSane(String field, Instant t, Instant now) throws InvalidEventException {
    if (t.isBefore(EARLIEST)) {
      throw new InvalidEventException(field + " " + format(t) + " is before " + format(EARLIEST));
    }
    if (t.isAfter(now.plus(MAX_FUTURE))) {
      throw new InvalidEventException(
          field + " " + format(t) + " is more than " + MAX_FUTURE.toHours() + " h in the future");
    }
  }
}
