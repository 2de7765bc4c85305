package smarthome.ingest.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import smarthome.common.images.S3Keys;

/**
 * The logs of one device and UTC day that one archive run moves: stamped in [from, to), and after
 * {@code after}, which is the device's deletion watermark when it has one (a deleted life is never
 * archived) or just before {@code from}.
 */
record DayWindow(String deviceId, LocalDate day, Instant from, Instant after, Instant to) {
  /**
   * @param cutoff nothing at or after it is archived
   * @param deletedAt the device's deletion watermark, or null
   */
  static DayWindow of(String deviceId, LocalDate day, Instant cutoff, Instant deletedAt) {
    Instant from = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    Instant to = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    return new DayWindow(deviceId, day, from, deletedAt == null ? from.minusMillis(1) : deletedAt,
        to.isAfter(cutoff) ? cutoff : to);
  }

  /** The day's object: logs/{device_id}/{yyyy}/{mm}/{dd}.jsonl.gz. */
  String key() {
    return S3Keys.logArchive(deviceId, day);
  }
}
