package smarthome.common.images;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import smarthome.common.devices.DeviceIds;

/** The metadata of one camera image; on Kafka it travels in the record headers beside the bytes. */
public record ImageMeta(UUID imageId, String deviceId, ImageType contentType, Instant capturedAt,
    String sha256, String filename) {

  public ImageMeta {
    Objects.requireNonNull(imageId, "image_id");
    DeviceIds.check(deviceId);
    Objects.requireNonNull(contentType, "content_type");
    Objects.requireNonNull(capturedAt, "captured_at");
    if (!Images.isSha256Hex(sha256)) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
    }
    Objects.requireNonNull(filename, "filename");
  }

  /** The object key: images/{device_id}/{image_id}.{ext}. */
  public String s3Key() {
    return S3Keys.image(deviceId, imageId, contentType);
  }
}
