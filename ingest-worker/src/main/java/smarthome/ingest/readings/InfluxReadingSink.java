package smarthome.ingest.readings;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;
import smarthome.common.readings.Reading;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;

/** Readings to InfluxDB through the v1 /write endpoint, one HTTP request per batch. */
public final class InfluxReadingSink implements Sink<Reading> {
  private final InfluxDB influx;
  private final String database;

  public InfluxReadingSink(InfluxDB influx, String database) {
    this.influx = influx;
    this.database = database;
  }

  @Override
  public void write(List<Reading> batch) throws SinkException {
    if (batch.isEmpty()) {
      return;
    }
    try {
      influx.write(database, "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
          LineProtocol.lines(batch));
    } catch (RuntimeException e) {
      throw classify("writing " + batch.size() + " points", e);
    }
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    try {
      QueryResult r = influx.query(BoundParameterQuery.QueryBuilder
          .newQuery("DELETE FROM sensor_data WHERE device_id = $id AND time <= $t")
          .forDatabase(database).bind("id", deviceId).bind("t", deletedAt.toString()).create());
      if (r.hasError()) {
        throw SinkException.retriable("InfluxDB delete failed: " + r.getError(), null);
      }
    } catch (RuntimeException e) {
      throw classify("deleting points of " + deviceId, e);
    }
  }

  /** InfluxDB errors by kind: I/O and 5xx retry, refused points are rejected, auth is fatal. */
  public static SinkException classify(String doing, RuntimeException e) {
    String what = doing + ": " + e.getMessage();
    if (e instanceof InfluxDBIOException) {
      return SinkException.retriable("InfluxDB unreachable while " + what, e);
    }
    if (e instanceof InfluxDBException.AuthorizationFailedException) {
      return SinkException.fatal("InfluxDB refused the credentials: check INFLUXDB_USER and "
          + "INFLUXDB_TOKEN (" + what + ")", e);
    }
    if (e instanceof InfluxDBException.DatabaseNotFoundException) {
      return SinkException.fatal("InfluxDB database not found: check INFLUXDB_BUCKET (" + what + ")", e);
    }
    if (e instanceof InfluxDBException.FieldTypeConflictException
        || e instanceof InfluxDBException.UnableToParseException
        || e instanceof InfluxDBException.PointsBeyondRetentionPolicyException) {
      return SinkException.rejected("InfluxDB refused points while " + what, e);
    }
    if (e instanceof InfluxDBException ie && !ie.isRetryWorth()) {
      return SinkException.rejected("InfluxDB refused the request while " + what, e);
    }
    return SinkException.retriable("InfluxDB failed while " + what, e);
  }
}
