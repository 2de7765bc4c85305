package smarthome.api.limits;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smarthome.api.auth.Role;
import smarthome.common.config.ConfigError;

/**
 * The request rate each key may use, by the key's role, from API_RATE_LIMITS
 * ({@code read=50/s,write=10/s}; a role not named keeps its default; {@code off} = no limits).
 */
public final class RateLimits {
  public static final String VARIABLE = "API_RATE_LIMITS";
  public static final String DEFAULT = "read=50/s,write=10/s,admin=10/s,metrics=2/s";
  private static final Pattern ENTRY = Pattern.compile("([a-z]+)=([0-9]{1,6})/(s|m|min)");

  /** So many requests per period. */
  public record Rate(int permits, Duration period) {
    public long periodSeconds() {
      return Math.max(1, period.toSeconds());
    }
  }

  private final Map<Role, Rate> rates;

  private RateLimits(Map<Role, Rate> rates) {
    this.rates = rates;
  }

  /** @throws ConfigError naming API_RATE_LIMITS */
  public static RateLimits parse(String spec) {
    if (spec.strip().equalsIgnoreCase("off")) {
      return new RateLimits(Map.of());
    }
    Map<Role, Rate> out = new EnumMap<>(Role.class);
    if (!spec.equals(DEFAULT)) {
      out.putAll(parse(DEFAULT).rates);
    }
    for (String part : spec.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      Matcher m = ENTRY.matcher(p);
      if (!m.matches()) {
        throw new ConfigError("configuration error: " + VARIABLE + " entry '" + part.strip()
            + "' must be role=N/s or role=N/m, e.g. read=50/s (or the whole value 'off')");
      }
      Role role = Role.fromWire(m.group(1)).orElseThrow(() -> new ConfigError("configuration error: "
          + VARIABLE + " names an unknown role '" + m.group(1) + "'"));
      int n = Integer.parseInt(m.group(2));
      if (n < 1) {
        throw new ConfigError("configuration error: " + VARIABLE + " needs at least 1 request per period");
      }
      out.put(role, new Rate(n, m.group(3).equals("s") ? Duration.ofSeconds(1) : Duration.ofMinutes(1)));
    }
    return new RateLimits(Map.copyOf(out));
  }

  /** The rate of a key of this role; empty when limits are off. */
  public Optional<Rate> of(Role role) {
    return Optional.ofNullable(rates.get(role));
  }
}
