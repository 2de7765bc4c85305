package smarthome.ingest.archive;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import smarthome.ingest.pipeline.Component;
import software.amazon.awssdk.services.s3.S3Client;

/** Log retention inside the worker: the archiver run every so often (LOG_ARCHIVE_EVERY_HOURS). */
public final class ArchiveModule {
  private ArchiveModule() {}

  public static Component schedule(DataSource ds, S3Client s3, String bucket, int retentionDays,
      Duration every, MeterRegistry registry) {
    return new ArchiveSchedule(new LogArchiver(ds, s3, bucket, Clock.systemUTC()), retentionDays,
        every, registry);
  }
}
