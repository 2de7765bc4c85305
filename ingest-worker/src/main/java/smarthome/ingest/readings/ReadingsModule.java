package smarthome.ingest.readings;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import smarthome.common.config.InfluxSettings;
import smarthome.common.kafka.Topics;
import smarthome.common.store.InfluxStatements;
import smarthome.ingest.pipeline.Decoded;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.pipeline.SinkModule;

/**
 * The readings sink: smarthome.readings into InfluxDB, the busiest of them all. An event is the
 * reading's line of line protocol, transcoded from the record's JSON without a Reading in between.
 */
public final class ReadingsModule {
  /** Requests to InfluxDB time out after this long (a batch write on a loaded server included). */
  private static final int TIMEOUT_SECONDS = 30;
  /** A line is about 110 bytes; the scratch buffer grows if one is longer. */
  private static final int LINE_CAPACITY = 512;

  private ReadingsModule() {}

  public static SinkModule<byte[]> create(InfluxSettings settings, InfluxDB influx, Clock clock) {
    // the decoder is shared by the sink's consumer threads: a transcoder and scratch buffer each
    ThreadLocal<ReadingTranscoder> transcoders = ThreadLocal.withInitial(() -> new ReadingTranscoder(clock));
    ThreadLocal<LineBuffer> scratch = ThreadLocal.withInitial(() -> new LineBuffer(LINE_CAPACITY));
    return new SinkModule<>("readings", Topics.READINGS, r -> {
      LineBuffer line = scratch.get();
      line.setLength(0);
      long millis = transcoders.get().append(r, line);
      // the key is the device id once the transcoder accepted the record
      return new Decoded<>(line.copyFrom(0), r.key(), Instant.ofEpochMilli(millis));
    }, new InfluxReadingSink(new InfluxLineWriter(settings, TIMEOUT_SECONDS), influx, settings.database()),
        SinkModule.Intake.BUSY);
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
