package smarthome.api.devices;

import io.micronaut.serde.annotation.Serdeable;

/** What a DELETE removed, per store. */
@Serdeable
public record DeletionReport(String deviceId, String deletedAt, Removed removed,
    boolean tombstonePublished) {

  @Serdeable
  public record Removed(long influxdbPoints, long devices, long systemLogs, long deviceImages,
      long deviceState, long s3Objects) {}
}
