package smarthome.api.http;

import jakarta.inject.Singleton;
import java.util.function.BooleanSupplier;
import smarthome.api.devices.DeviceLookup;
import smarthome.api.devices.DeviceRepository;
import smarthome.api.errors.ApiException;
import smarthome.common.json.Text;

/**
 * The one "404 unless a store knows the device" rule of the read endpoints. An empty answer is a
 * 200 for a device PostgreSQL knows (metadata, or a deletion: a deleted device reads as empty) and
 * for one another store still has data of; for an id no store has heard of it is a 404.
 */
@Singleton
public class KnownDevices {
  private final DeviceRepository devices;

  public KnownDevices(DeviceRepository devices) {
    this.devices = devices;
  }

  /** 404 unless PostgreSQL knows the device. */
  public void require(String id) {
    require(id, devices.lookup(id), () -> false);
  }

  /** 404 unless PostgreSQL knows the device or {@code elsewhere} (asked only then) finds data of it. */
  public void require(String id, BooleanSupplier elsewhere) {
    require(id, devices.lookup(id), elsewhere);
  }

  /** As {@link #require(String, BooleanSupplier)} with a lookup the caller already made. */
  public void require(String id, DeviceLookup lookup, BooleanSupplier elsewhere) {
    if (!lookup.known() && lookup.deletedAt().isEmpty() && !elsewhere.getAsBoolean()) {
      throw notFound(id);
    }
  }

  public static ApiException notFound(String id) {
    return ApiException.notFound("device " + Text.quote(id) + " not found");
  }
}
