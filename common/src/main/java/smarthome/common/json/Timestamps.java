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
    return append(new StringBuilder(24), t.toEpochMilli()).toString();
  }

  /** Appends the canonical text of the epoch milliseconds: {@link #format} with no object per call. */
  public static StringBuilder append(StringBuilder b, long ms) {
    long secs = Math.floorDiv(ms, 1000);
    java.time.LocalDate d = java.time.LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400));
    if (d.getYear() < 0 || d.getYear() > 9999) {
      return b.append(FORMAT.format(Instant.ofEpochMilli(ms)));
    }
    int sod = (int) Math.floorMod(secs, 86_400);
    put(b, d.getYear(), 4).append('-');
    put(b, d.getMonthValue(), 2).append('-');
    put(b, d.getDayOfMonth(), 2).append('T');
    put(b, sod / 3600, 2).append(':');
    put(b, sod / 60 % 60, 2).append(':');
    put(b, sod % 60, 2).append('.');
    return put(b, (int) Math.floorMod(ms, 1000), 3).append('Z');
  }

  /** The value in exactly this many digits, zeros in front. */
  private static StringBuilder put(StringBuilder b, int value, int digits) {
    for (int scale = digits == 4 ? 1000 : digits == 3 ? 100 : 10; scale > 0; scale /= 10) {
      b.append((char) ('0' + value / scale % 10));
    }
    return b;
  }

  /**
   * Parses an ISO-8601 date-time that carries an offset ('Z' or '+01:00'); a local time without an
   * offset is ambiguous and rejected. The result is truncated to milliseconds, the store precision.
   */
  public static Instant parse(String text) throws DateTimeParseException {
    Instant fast = parseCanonical(text);
    if (fast != null) {
      return fast;
    }
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        .toInstant()
        .truncatedTo(ChronoUnit.MILLIS);
  }

  /** The format we write ourselves, without the general parser's cost; null for any other form. */
  private static Instant parseCanonical(String s) {
    long ms = canonicalMillis(s);
    return ms == NOT_CANONICAL ? null : Instant.ofEpochMilli(ms);
  }

  /** What {@link #canonicalMillis} returns for text not in our own format. */
  public static final long NOT_CANONICAL = Long.MIN_VALUE;

  /**
   * The epoch milliseconds of a timestamp in the format we write ourselves
   * (2026-01-02T03:04:05.678Z, a valid date), or {@link #NOT_CANONICAL} for any other text,
   * which {@link #parse} may still accept or refuse: the hot path's parse, with no objects.
   */
  public static long canonicalMillis(CharSequence s) {
    if (s.length() != 24 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(19) != '.' || s.charAt(23) != 'Z') {
      return NOT_CANONICAL;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int dayOfMonth = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    int milli = digits(s, 20, 3);
    if ((year | month | dayOfMonth | hour | minute | second | milli) < 0 || month < 1 || month > 12
        || dayOfMonth < 1 || dayOfMonth > lengthOfMonth(year, month)
        || hour > 23 || minute > 59 || second > 59) {
      return NOT_CANONICAL; // let the general parser say what is wrong
    }
    long epochDay = epochDay(year, month, dayOfMonth);
    return ((epochDay * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + milli;
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (the days-from-civil algorithm). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097 + doe - 719_468;
  }

  private static int digits(CharSequence s, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
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
