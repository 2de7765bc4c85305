package smarthome.api.readings;

import java.time.Instant;
import smarthome.api.http.PageCursor;

/**
 * Where the next page of raw points starts: at {@code time}, skipping the {@code skip} points
 * stamped with that very millisecond that earlier pages already returned. A device's points in
 * one series have distinct times, but a device re-created with another type has a second series,
 * and two points may then share a millisecond; counting them keeps every point exactly once.
 */
record ReadingCursor(Instant time, long skip) {
  private static final String KIND = "raw";
  /** More points in one millisecond than any device has series. */
  static final long MAX_SKIP = 1000;

  String encode() {
    return PageCursor.encode(KIND, time.toEpochMilli(), skip);
  }

  /** @throws smarthome.api.errors.ApiException 400 for anything this API did not issue */
  static ReadingCursor parse(String s) {
    PageCursor.Fields f = PageCursor.decode(KIND, s, 2);
    return new ReadingCursor(f.millis(0), f.number(1, 0, MAX_SKIP));
  }
}
