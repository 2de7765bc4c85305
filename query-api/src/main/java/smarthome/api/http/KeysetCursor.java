package smarthome.api.http;

import java.time.Instant;
import java.util.UUID;
import smarthome.common.json.Timestamps;

/**
 * The cursor of a list ordered by (time, id), the logs' and the images': the key of the last row
 * shown, encoded by {@link PageCursor} under the list's kind so one list's cursor is refused by
 * another.
 */
public record KeysetCursor(Instant time, UUID id) {
  /** The cursor after a row shown with this wire timestamp and id. */
  public static KeysetCursor after(String timestamp, String id) {
    return new KeysetCursor(Timestamps.parse(timestamp), UUID.fromString(id));
  }

  public String encode(String kind) {
    return PageCursor.encode(kind, time.toEpochMilli(), id);
  }

  /** null when absent; a 400 for anything this API did not issue for that kind. */
  public static KeysetCursor parse(String kind, String raw) {
    if (raw == null) {
      return null;
    }
    PageCursor.Fields f = PageCursor.decode(kind, raw, 2);
    return new KeysetCursor(f.millis(0), f.uuid(1));
  }
}
