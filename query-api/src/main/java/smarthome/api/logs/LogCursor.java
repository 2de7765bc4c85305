package smarthome.api.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import smarthome.api.errors.ApiException;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;

/** Keyset cursor (timestamp, log_id) of the logs pages, opaque to clients. */
record LogCursor(Instant time, UUID id) {
  /** The cursor of the page after this line. */
  static LogCursor after(LogView last) {
    return new LogCursor(Timestamps.parse(last.timestamp()), UUID.fromString(last.logId()));
  }

  String encode() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        (time.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
  }

  /** @throws ApiException 400 for anything this API did not issue */
  static LogCursor parse(String s) {
    try {
      String[] p = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split(":", 2);
      return new LogCursor(Instant.ofEpochMilli(Long.parseLong(p[0])), UUID.fromString(p[1]));
    } catch (RuntimeException e) {
      throw ApiException.badRequest("cursor " + Text.quote(s) + " is not a cursor this API issued");
    }
  }
}
