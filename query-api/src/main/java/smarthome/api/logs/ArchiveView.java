package smarthome.api.logs;

import io.micronaut.serde.annotation.Serdeable;

/** One archived day of a device's logs: a gzip NDJSON object in S3 with an expiring URL. */
@Serdeable
public record ArchiveView(String day, String key, long sizeBytes, String url, String urlExpiresAt) {}
