package smarthome.ingest.archive;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import smarthome.common.config.Env;
import smarthome.common.config.PostgresSettings;
import smarthome.common.config.S3Settings;
import smarthome.common.config.Settings;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import software.amazon.awssdk.services.s3.S3Client;

/** {@code ingest-worker archive-logs}: one run of the log archiver, then exit. */
@Command(name = "archive-logs", mixinStandardHelpOptions = true,
    description = "Moves logs older than the retention from PostgreSQL to S3 as one gzip NDJSON "
        + "file per device and UTC day (logs/{device_id}/{yyyy}/{mm}/{dd}.jsonl.gz). Safe to stop "
        + "and to run again.")
public final class ArchiveCommand implements Callable<Integer> {
  @Option(names = "--retention-days", paramLabel = "DAYS",
      description = "keep this many days in PostgreSQL (default: LOG_RETENTION_DAYS or 30)")
  Integer retentionDays;

  @Override
  public Integer call() throws Exception {
    ConfigDef def = Settings.s3(Settings.postgres(new ConfigDef()))
        .define("LOG_RETENTION_DAYS", ConfigDef.Type.INT, 30, ConfigDef.Range.between(1, 36_500),
            ConfigDef.Importance.MEDIUM, "days of logs kept in PostgreSQL");
    AbstractConfig c = Settings.parse(def, Env.load());
    int days = retentionDays != null ? retentionDays : c.getInt("LOG_RETENTION_DAYS");
    if (days < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--retention-days must be at least 1");
    }
    S3Settings s3s = S3Settings.from(c);
    try (HikariDataSource ds = Postgres.pool(PostgresSettings.from(c), "archive", 2);
         S3Client s3 = S3.client(s3s, 4)) {
      Postgres.migrate(ds);
      LogArchiver.Result r = new LogArchiver(ds, s3, s3s.bucket(), Clock.systemUTC()).run(days);
      System.out.printf("archive-logs: %d rows in %d daily archives moved to s3://%s/logs/ (logs before %s)%n",
          r.rowsArchived(), r.objectsWritten(), s3s.bucket(), r.cutoff());
    }
    return 0;
  }
}
