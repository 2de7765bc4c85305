package smarthome.api.logs;

import io.micronaut.serde.annotation.Serdeable;

/** A log line as the API shows it; log_id is the producer's event_id. */
@Serdeable
public record LogView(String logId, String deviceId, String timestamp, String level,
    String eventType, String message) {}
