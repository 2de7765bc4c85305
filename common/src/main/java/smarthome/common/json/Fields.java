package smarthome.common.json;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Typed, checked access to the fields of a parsed event object. */
public final class Fields {
  private Fields() {}

  /** A string of bounded length with no control characters (line breaks only when allowed). */
  public static String text(Map<String, Object> obj, String key, int min, int max,
      boolean allowLineBreaks) throws InvalidEventException {
    return checkText(key, JsonObjects.string(obj, key), min, max, allowLineBreaks);
  }

  public static String checkText(String key, String s, int min, int max, boolean allowLineBreaks)
      throws InvalidEventException {
    if (s.length() < min || s.length() > max) {
      throw new InvalidEventException(key + " must be " + min + "-" + max + " characters, got "
          + s.length());
    }
    if (Text.hasForbiddenControl(s, allowLineBreaks)) {
      throw new InvalidEventException(key + " " + Text.quote(s) + " contains control characters");
    }
    return s;
  }

  public static UUID uuid(Map<String, Object> obj, String key) throws InvalidEventException {
    return parseUuid(key, JsonObjects.string(obj, key));
  }

  /** Canonical UUID text only (36 chars, hex and dashes), any case. */
  public static UUID parseUuid(String key, String s) throws InvalidEventException {
    if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-'
        || s.charAt(23) != '-') {
      throw new InvalidEventException(key + " " + Text.quote(s) + " is not a UUID");
    }
    try {
      return UUID.fromString(s);
    } catch (IllegalArgumentException e) {
      throw new InvalidEventException(key + " " + Text.quote(s) + " is not a UUID");
    }
  }

  public static Instant time(Map<String, Object> obj, String key, Instant now)
      throws InvalidEventException {
    return Timestamps.parseEventTime(key, JsonObjects.string(obj, key), now);
  }

  public static Instant nullableTime(Map<String, Object> obj, String key, Instant now)
      throws InvalidEventException {
    String s = JsonObjects.nullableString(obj, key);
    return s == null ? null : Timestamps.parseEventTime(key, s, now);
  }
}
