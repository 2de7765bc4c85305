package smarthome.ingest.readings;

import java.time.Instant;
import java.util.List;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import smarthome.common.erase.InfluxDeviceEraser;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;

/**
 * Readings, as lines of line protocol ({@link ReadingTranscoder}), to InfluxDB through the v1
 * /write endpoint: one HTTP request per batch, its body assembled in a buffer each consumer thread
 * reuses.
 */
public final class InfluxReadingSink implements Sink<byte[]> {
  /** A batch of readings is about 5,000 lines of about 110 bytes. */
  private static final int BODY_CAPACITY = 1 << 20;

  private final InfluxLineWriter writer;
  private final InfluxDeviceEraser eraser;
  private final ThreadLocal<LineBuffer> body = ThreadLocal.withInitial(() -> new LineBuffer(BODY_CAPACITY));

  InfluxReadingSink(InfluxLineWriter writer, InfluxDB influx, String database) {
    this.writer = writer;
    this.eraser = new InfluxDeviceEraser(influx, database);
  }

  @Override
  public void write(List<byte[]> batch) throws SinkException {
    if (batch.isEmpty()) {
      return;
    }
    LineBuffer b = body.get();
    b.setLength(0);
    for (int i = 0; i < batch.size(); i++) {
      if (i > 0) {
        b.append((byte) '\n');
      }
      b.append(batch.get(i));
    }
    try {
      writer.write(b.array(), b.length());
    } catch (RuntimeException e) {
      throw classify("writing " + batch.size() + " points", e);
    } finally {
      b.setLength(0);
    }
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    try {
      eraser.eraseUpTo(deviceId, deletedAt);
    } catch (RuntimeException e) {
      throw classify("deleting points of " + deviceId, e);
    }
  }

  @Override
  public void close() {
    writer.close();
  }

  /** InfluxDB errors by kind: I/O and 5xx retry, refused points are rejected, auth is fatal. */
  public static SinkException classify(String doing, RuntimeException e) {
    String what = doing + ": " + e.getMessage();
    if (e instanceof InfluxDBIOException) {
      return SinkException.retriable("InfluxDB unreachable while " + what, e);
    }
    if (e instanceof InfluxDBException.AuthorizationFailedException || missingCredentials(e)) {
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

  /**
   * InfluxDB answers a request without credentials (auth on, INFLUXDB_TOKEN empty) with "unable to
   * parse authentication credentials", which influxdb-java files under UnableToParseException,
   * the type of a malformed point: by type alone every reading would be dead-lettered.
   */
  private static boolean missingCredentials(RuntimeException e) {
    return e instanceof InfluxDBException.UnableToParseException
        && String.valueOf(e.getMessage()).contains("authentication");
  }
}
