package smarthome.api.images;

import io.micronaut.serde.annotation.Serdeable;

/** An image's metadata with an expiring presigned URL for the bytes in S3. */
@Serdeable
public record ImageView(String imageId, String deviceId, String contentType, long sizeBytes,
    String sha256, String filename, String capturedAt, String href, String url,
    String urlExpiresAt) {}
