package smarthome.ingest.pipeline;

import java.time.Instant;

/**
 * A decoded event with what the loop needs to know about it: the device it belongs to and the
 * time it was stamped with, for the deletion watermark.
 */
public record Decoded<T>(T event, String deviceId, Instant eventTime) {}
