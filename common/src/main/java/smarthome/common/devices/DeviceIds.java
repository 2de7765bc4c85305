package smarthome.common.devices;

import smarthome.common.json.InvalidEventException;
import smarthome.common.json.Text;

/**
 * device_id: 1-64 characters of [A-Za-z0-9_.:-], starting with a letter or digit. Checked at every
 * boundary and never escaped and passed on: ids that pass need no escaping in line protocol,
 * InfluxQL, S3 keys or URLs.
 */
public final class DeviceIds {
  public static final int MAX_LENGTH = 64;
  public static final String RULE =
      "1-64 characters of A-Z a-z 0-9 _ . : - starting with a letter or digit";

  private DeviceIds() {}

  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
      return false;
    }
    if (!isAlnum(id.charAt(0))) {
      return false;
    }
    for (int i = 1; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(isAlnum(c) || c == '_' || c == '.' || c == ':' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  public static String require(String id) throws InvalidEventException {
    if (!isValid(id)) {
      throw new InvalidEventException("device_id " + Text.quote(id) + " is invalid: " + RULE);
    }
    return id;
  }

  /** For code paths where an invalid id is a programming error. */
  public static String check(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("device_id " + Text.quote(id) + " is invalid: " + RULE);
    }
    return id;
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
