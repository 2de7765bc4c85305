package smarthome.ingest.readings;

import java.time.Clock;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import smarthome.common.kafka.Topics;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;
import smarthome.common.store.InfluxStatements;
import smarthome.ingest.pipeline.Decoded;
import smarthome.ingest.pipeline.RecordChecks;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.pipeline.SinkModule;

/** The readings sink: smarthome.readings into InfluxDB, the busiest of them all. */
public final class ReadingsModule {
  private ReadingsModule() {}

  public static SinkModule<Reading> create(InfluxDB influx, String database, Clock clock) {
    ReadingCodec codec = new ReadingCodec(clock);
    return new SinkModule<>("readings", Topics.READINGS, r -> {
      Reading e = codec.decode(RecordChecks.value(r));
      return new Decoded<>(e, RecordChecks.key(r, e.deviceId()), e.timestamp());
    }, new InfluxReadingSink(influx, database), SinkModule.Intake.BUSY);
  }

  /**
   * Start-up: InfluxDB answers and the database exists (created when missing).
   *
   * @throws SinkException as {@link InfluxReadingSink#classify} sorts the failure
   */
  public static void prepare(InfluxDB influx, String database) throws SinkException {
    try {
      influx.ping();
      // CREATE DATABASE needs an admin even when the database exists; an application user (a
      // managed or secured InfluxDB) only sees, through SHOW DATABASES, those it may use
      if (!listed(influx, database)) {
        // an identifier cannot be a bound parameter: quoted, from our own configuration
        String name = database.replace("\\", "\\\\").replace("\"", "\\\"");
        InfluxStatements.run(influx, database, "CREATE DATABASE \"" + name + "\"", Map.of());
      }
    } catch (RuntimeException e) {
      throw InfluxReadingSink.classify("creating database " + database, e);
    }
  }

  private static boolean listed(InfluxDB influx, String database) {
    QueryResult r = influx.query(new Query("SHOW DATABASES"));
    if (r.hasError() || r.getResults() == null) {
      return false; // CREATE DATABASE then says what is wrong
    }
    for (QueryResult.Result result : r.getResults()) {
      if (result.getSeries() == null) {
        continue;
      }
      for (QueryResult.Series series : result.getSeries()) {
        for (var row : series.getValues()) {
          if (!row.isEmpty() && database.equals(row.get(0))) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
