package smarthome.api.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The device a request path is about: {@code /devices/{device_id}} and everything under it. */
final class DevicePath {
  private static final Pattern DEVICE = Pattern.compile("^/devices/([^/]+)(?:/.*)?$");

  private DevicePath() {}

  /** The id as it stands in the path (not decoded: an encoded id matches no scope). */
  static Optional<String> deviceOf(String path) {
    Matcher m = DEVICE.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
