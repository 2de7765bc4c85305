package smarthome.api.http;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import smarthome.api.errors.ApiException;
import smarthome.common.json.Text;

/**
 * The one parser of the API's time parameters. Clients send what their tools make: an ISO-8601
 * date-time with an offset or Z; one without (Python's isoformat(), form fields), read as UTC; a
 * date alone, its UTC midnight; epoch milliseconds (Grafana's ${__from}) or, with ten digits or
 * fewer, epoch seconds. An offset's '+' sent unencoded in a URL arrives as a space and is read as
 * '+'. Results are truncated to milliseconds, the stores' precision.
 */
public final class TimeParam {
  /** What the 400 message lists, so a client sees at once what to send. */
  public static final String ACCEPTED = "accepted forms: 2026-11-26T08:00:00Z, "
      + "2026-11-26T08:00:00+01:00, 2026-11-26T08:00:00 (UTC), 2026-11-26 (UTC midnight), "
      + "epoch milliseconds 1764144000000, epoch seconds 1764144000 (10 digits or fewer)";

  /** The same for the API's documentation. */
  public static final String DOC = "Times: ISO-8601 with an offset or Z (2026-11-26T08:00:00+01:00); "
      + "without an offset it is UTC; a date alone (2026-11-26) is its UTC midnight; an integer is "
      + "epoch milliseconds, or epoch seconds when it has 10 digits or fewer; a '+' sent unencoded "
      + "(read as a space) is taken as '+'.";

  /** A date-time whose offset's '+' became a space: "...T08:00:00 01:00". */
  private static final Pattern SPACED_OFFSET = Pattern.compile("(.*T[0-9:.,]+) ([0-9]{2}(:?[0-9]{2})?)");
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private TimeParam() {}

  /** @throws ApiException 400 naming the parameter and the accepted forms */
  public static Instant parse(String name, String raw) {
    Instant t = parseOrNull(raw.strip());
    if (t == null) {
      throw ApiException.badRequest(name + " " + Text.quote(raw) + " is not a time; " + ACCEPTED);
    }
    return t;
  }

  private static Instant parseOrNull(String s) {
    if (DIGITS.matcher(s).matches()) {
      long n = Long.parseLong(s);
      return s.length() <= 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
    }
    var spaced = SPACED_OFFSET.matcher(s);
    if (spaced.matches()) {
      s = spaced.group(1) + "+" + spaced.group(2);
    }
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
          .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      // not this form
    }
    try {
      return LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC)
          .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      // not this form
    }
    try {
      return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
