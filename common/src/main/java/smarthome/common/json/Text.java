package smarthome.common.json;

/** Small text helpers for messages that may echo user input. */
public final class Text {
  private static final int MAX_ECHO = 80;

  private Text() {}

  /**
   * Quotes a user-supplied value for an error message: control characters escaped, long values cut,
   * so a hostile id can neither forge log lines nor blow up a header.
   */
  public static String quote(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_ECHO) + 8).append('\'');
    int n = Math.min(value.length(), MAX_ECHO);
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (c == '\'') {
        out.append("\\'");
      } else {
        out.append(c);
      }
    }
    if (value.length() > MAX_ECHO) {
      out.append("...(").append(value.length()).append(" chars)");
    }
    return out.append('\'').toString();
  }

  /** True when the text holds a character PostgreSQL text cannot store or logs should not carry. */
  public static boolean hasForbiddenControl(String value, boolean allowLineBreaks) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        if (!allowLineBreaks) {
          return true;
        }
      } else if (c < 0x20 || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
