package smarthome.ingest.logs;

import java.time.Clock;
import javax.sql.DataSource;
import smarthome.common.kafka.Topics;
import smarthome.common.logs.LogCodec;
import smarthome.common.logs.LogEvent;
import smarthome.ingest.pipeline.Decoded;
import smarthome.ingest.pipeline.RecordChecks;
import smarthome.ingest.pipeline.SinkModule;

/** The logs sink: smarthome.logs into PostgreSQL's system_logs. */
public final class LogsModule {
  private LogsModule() {}

  public static SinkModule<LogEvent> create(DataSource ds, Clock clock) {
    LogCodec codec = new LogCodec(clock);
    return new SinkModule<>("logs", Topics.LOGS, r -> {
      LogEvent e = codec.decode(RecordChecks.value(r));
      return new Decoded<>(e, RecordChecks.key(r, e.deviceId()), e.timestamp());
    }, new PostgresLogSink(ds), SinkModule.Intake.BUSY);
  }
}
