package smarthome.ingest.pipeline;

import java.time.Instant;
import java.util.List;

/**
 * Writes batches of decoded events to one store.
 *
 * <p>{@link #write} writes the whole batch or throws; it must accept the same batch twice (the
 * loop retries after a failure and Kafka redelivers after a crash), which every store here gets
 * from natural keys: point identity in InfluxDB, event_id in PostgreSQL, the object key in S3.
 */
public interface Sink<T> extends AutoCloseable {
  /** @throws SinkException classified as retriable, rejected or fatal; nothing else for store errors */
  void write(List<T> batch) throws SinkException;

  /**
   * Removes what this sink stored for the device at or before {@code deletedAt}: called when a
   * DELETE raced with a batch in flight (see {@link Watermarks}).
   */
  void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException;

  @Override
  default void close() {}
}
