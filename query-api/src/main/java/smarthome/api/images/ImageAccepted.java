package smarthome.api.images;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to an upload: accepted and published; the ingest worker stores it shortly. */
@Serdeable
public record ImageAccepted(String imageId, String deviceId, String contentType, long sizeBytes,
    String sha256, String filename, String capturedAt, String s3Key, String status) {}
