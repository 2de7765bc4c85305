package smarthome.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import smarthome.common.config.ConfigError;

/**
 * API keys from API_KEYS ({@code role:key,role:key}). Keys are compared in constant time and
 * never logged or echoed.
 */
public final class ApiKeys {
  public static final int MIN_KEY_LENGTH = 8;

  private record Entry(Role role, byte[] key) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = entries;
  }

  /** @throws ConfigError naming API_KEYS, without echoing any key */
  public static ApiKeys parse(String spec) {
    List<Entry> out = new ArrayList<>();
    int n = 0;
    for (String part : spec.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      n++;
      int colon = p.indexOf(':');
      if (colon <= 0) {
        throw new ConfigError("configuration error: API_KEYS entry " + n
            + " must be role:key (roles read, write, admin)");
      }
      String roleText = p.substring(0, colon).strip().toUpperCase(Locale.ROOT);
      Role role;
      try {
        role = Role.valueOf(roleText);
      } catch (IllegalArgumentException e) {
        throw new ConfigError("configuration error: API_KEYS entry " + n
            + " has an unknown role (read, write, admin)");
      }
      String key = p.substring(colon + 1).strip();
      if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
        throw new ConfigError("configuration error: API_KEYS entry " + n + " needs a key of at least "
            + MIN_KEY_LENGTH + " printable ASCII characters without spaces");
      }
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      for (Entry e : out) {
        if (MessageDigest.isEqual(e.key, bytes)) {
          throw new ConfigError("configuration error: API_KEYS entry " + n + " repeats a key");
        }
      }
      out.add(new Entry(role, bytes));
    }
    if (out.isEmpty()) {
      throw new ConfigError("configuration error: API_KEYS is empty: the API refuses to start "
          + "without a key (e.g. API_KEYS=admin:$(openssl rand -hex 16))");
    }
    return new ApiKeys(List.copyOf(out));
  }

  /** The role of a presented key; every configured key is compared, in constant time each. */
  public Optional<Role> roleOf(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    Role found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.key, p)) {
        found = e.role;
      }
    }
    return Optional.ofNullable(found);
  }

  public int size() {
    return entries.size();
  }
}
