package smarthome.api.readings;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smarthome.api.errors.ApiException;
import smarthome.common.json.Text;

/**
 * A downsampling request: {@code interval} like 30s, 5m, 1h, 1d and {@code fn} one of mean, min,
 * max, sum, count, last. Both are parsed into our own values; the InfluxQL text is written from
 * those, never from the request.
 */
public record Aggregation(Duration interval, Fn fn) {
  public enum Fn {
    MEAN, MIN, MAX, SUM, COUNT, LAST;

    /** mean, min, max and sum only apply to numbers; count and last also to flags. */
    public boolean numericOnly() {
      return this != COUNT && this != LAST;
    }

    public String influxql() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Pattern INTERVAL = Pattern.compile("([1-9][0-9]{0,6})(s|m|h|d)");
  static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** null when neither is given; fn alone is a 422, interval alone means mean. */
  public static Aggregation parse(String interval, String fn) {
    if (interval == null || interval.isEmpty()) {
      if (fn != null && !fn.isEmpty()) {
        throw ApiException.unprocessable("fn needs an interval, e.g. interval=1h&fn=" + Text.quote(fn).replace("'", ""));
      }
      return null;
    }
    Matcher m = INTERVAL.matcher(interval);
    if (!m.matches()) {
      throw ApiException.badRequest("interval " + Text.quote(interval)
          + " is not a duration like 30s, 5m, 1h or 1d");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
    if (d.compareTo(Duration.ofDays(366)) > 0) {
      throw ApiException.unprocessable("interval must not exceed 366d");
    }
    Fn f = Fn.MEAN;
    if (fn != null && !fn.isEmpty()) {
      try {
        f = Fn.valueOf(fn.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ApiException.unprocessable("fn " + Text.quote(fn) + " is not one of mean, min, max, sum, count, last");
      }
    }
    return new Aggregation(d, f);
  }

  /** The GROUP BY time() argument, in whole seconds. */
  public String groupBy() {
    return interval.toSeconds() + "s";
  }
}
