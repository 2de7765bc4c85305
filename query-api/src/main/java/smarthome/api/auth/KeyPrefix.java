package smarthome.api.auth;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smarthome.common.config.ConfigError;
import smarthome.common.devices.DeviceIds;

/**
 * What an API_KEYS entry says before its key: {@code [name=]role[@device+device...]}, e.g.
 * {@code hall-camera=write@camera_1:<key>} (a key named hall-camera that may only post images for
 * and read camera_1). Device ids holding ':' cannot be named here (the ':' ends the prefix).
 */
record KeyPrefix(String name, Role role, Set<String> devices) {
  private static final Pattern FORM =
      Pattern.compile("(?:([A-Za-z0-9][A-Za-z0-9_.-]{0,63})=)?([A-Za-z]+)(?:@(.+))?");

  /** @param n the entry's place in API_KEYS, for messages and the default name */
  static KeyPrefix parse(String text, int n) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      throw new ConfigError("configuration error: API_KEYS entry " + n
          + " must be [name=]role[@device+device]:key (roles read, write, admin, metrics)");
    }
    Role role = Role.fromWire(m.group(2).toLowerCase(Locale.ROOT)).orElseThrow(() -> new ConfigError(
        "configuration error: API_KEYS entry " + n + " has an unknown role (read, write, admin, metrics)"));
    Set<String> devices = new LinkedHashSet<>();
    if (m.group(3) != null) {
      for (String d : m.group(3).split("\\+")) {
        if (!DeviceIds.isValid(d)) {
          throw new ConfigError("configuration error: API_KEYS entry " + n
              + " scopes an invalid device id (1-64 of A-Z a-z 0-9 _ . -, '+' between ids)");
        }
        devices.add(d);
      }
    }
    String name = m.group(1) != null ? m.group(1) : role.wire() + "-" + n;
    return new KeyPrefix(name, role, Set.copyOf(devices));
  }
}
