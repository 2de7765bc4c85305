package smarthome.api.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a key may do: read GETs, write also the POSTs, admin also DELETE. A metrics key (for a
 * Prometheus scraper) may only read the metrics, and no device data; an admin key may too.
 */
public enum Role {
  READ, WRITE, ADMIN, METRICS;

  public boolean allows(Role needed) {
    if (this == METRICS || needed == METRICS) {
      return this == needed || this == ADMIN;
    }
    return ordinal() >= needed.ordinal();
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromWire(String s) {
    return Arrays.stream(values()).filter(r -> r.wire().equals(s)).findFirst();
  }
}
