package smarthome.api.devices;

import java.time.Instant;
import java.util.Optional;

/** What the API needs to know about a device id before it reads a store. */
public record DeviceLookup(Optional<String> deviceType, Optional<Instant> deletedAt) {
  /** PostgreSQL has the device's metadata. */
  public boolean known() {
    return deviceType.isPresent();
  }
}
