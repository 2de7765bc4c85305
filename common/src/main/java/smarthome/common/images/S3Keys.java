package smarthome.common.images;

import java.time.LocalDate;
import java.util.UUID;
import smarthome.common.devices.DeviceIds;

/** Object keys, built only from validated ids. */
public final class S3Keys {
  private S3Keys() {}

  public static String image(String deviceId, UUID imageId, ImageType type) {
    return imagePrefix(deviceId) + imageId + "." + type.extension();
  }

  /** Every image of one device lies under this prefix. */
  public static String imagePrefix(String deviceId) {
    return "images/" + DeviceIds.check(deviceId) + "/";
  }

  /** The archive of one device's logs of one UTC day: logs/{device_id}/{yyyy}/{mm}/{dd}.jsonl.gz. */
  public static String logArchive(String deviceId, LocalDate day) {
    return logPrefix(deviceId) + String.format("%04d/%02d/%02d.jsonl.gz",
        day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  /** Every log archive of one device lies under this prefix. */
  public static String logPrefix(String deviceId) {
    return "logs/" + DeviceIds.check(deviceId) + "/";
  }
}
