package smarthome.ingest.readings;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import smarthome.common.devices.DeviceType;

/** Checks on the current string token of a parser, on its characters: no String is made. */
final class TokenText {
  private static final DeviceType[] TYPES = DeviceType.values();

  private TokenText() {}

  /** The device type whose wire id the token is, or null. */
  static DeviceType deviceType(JsonParser p) throws IOException {
    for (DeviceType t : TYPES) {
      if (is(p, t.wire())) {
        return t;
      }
    }
    return null;
  }

  /** The token is exactly this text. */
  static boolean is(JsonParser p, String s) throws IOException {
    int n = p.getTextLength();
    if (n != s.length()) {
      return false;
    }
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    for (int i = 0; i < n; i++) {
      if (c[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Canonical UUID text: 36 chars, hex digits of any case, dashes at 8, 13, 18 and 23. */
  static boolean isUuid(JsonParser p) throws IOException {
    if (p.getTextLength() != 36) {
      return false;
    }
    char[] c = p.getTextCharacters();
    int off = p.getTextOffset();
    for (int i = 0; i < 36; i++) {
      char ch = c[off + i];
      boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? ch == '-'
          : (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
