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
  public static final int MIN_KEY_LENGTH = 16;
  /** The example key of the README and docker-compose.yml: copying it must not make a live key. */
  public static final String PLACEHOLDER = "replace-with-a-random-key";
  private static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of(PLACEHOLDER,
      "change-me", "changeme", "change-me-change-me");

  private record Entry(ApiKey key, byte[] secret) {}

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
            + " must be [name=]role[@device+device]:key (roles read, write, admin, metrics)");
      }
      KeyPrefix prefix = KeyPrefix.parse(p.substring(0, colon), n);
      String key = p.substring(colon + 1).strip();
      if (key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(c -> c <= ' ' || c > '~')) {
        throw new ConfigError("configuration error: API_KEYS entry " + n + " needs a key of at least "
            + MIN_KEY_LENGTH + " printable ASCII characters without spaces");
      }
      if (PLACEHOLDERS.contains(key.toLowerCase(Locale.ROOT))) {
        throw new ConfigError("configuration error: API_KEYS entry " + n + " is the documented "
            + "placeholder; make a key, e.g. $(openssl rand -hex 16)");
      }
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      for (Entry e : out) {
        if (MessageDigest.isEqual(e.secret, bytes)) {
          throw new ConfigError("configuration error: API_KEYS entry " + n + " repeats a key");
        }
      }
      for (Entry e : out) {
        if (e.key.name().equals(prefix.name())) {
          throw new ConfigError("configuration error: API_KEYS entry " + n + " repeats the name "
              + prefix.name());
        }
      }
      // the name a log line or a limiter uses (given, or the role and the entry's place), never the secret
      out.add(new Entry(new ApiKey(prefix.name(), prefix.role(), prefix.devices()), bytes));
    }
    if (out.isEmpty()) {
      throw new ConfigError("configuration error: API_KEYS is empty: the API refuses to start "
          + "without a key (e.g. API_KEYS=admin:$(openssl rand -hex 16))");
    }
    return new ApiKeys(List.copyOf(out));
  }

  /** The key presented; every configured key is compared, in constant time each. */
  public Optional<ApiKey> find(String presented) {
    if (presented == null) {
      return Optional.empty();
    }
    byte[] p = presented.getBytes(StandardCharsets.UTF_8);
    ApiKey found = null;
    for (Entry e : entries) {
      if (MessageDigest.isEqual(e.secret, p)) {
        found = e.key;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The role of a presented key. */
  public Optional<Role> roleOf(String presented) {
    return find(presented).map(ApiKey::role);
  }

  public int size() {
    return entries.size();
  }
}
