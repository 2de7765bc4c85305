package smarthome.ingest.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import smarthome.common.config.KafkaSettings;

/**
 * Where refused records go: {@code <topic>.dlq}, with their original key, value and headers and
 * the reason in the headers below. The loop calls {@link #flush()} before committing offsets, so
 * a record is never committed before its dead letter is acknowledged.
 */
public interface DeadLetters extends AutoCloseable {
  String H_ERROR_CLASS = "dlq.error.class";
  String H_ERROR_MESSAGE = "dlq.error.message";
  String H_SOURCE_TOPIC = "dlq.source.topic";
  String H_SOURCE_PARTITION = "dlq.source.partition";
  String H_SOURCE_OFFSET = "dlq.source.offset";

  /** The producer-backed dead letters of one worker process, shared by its sinks. */
  static DeadLetters create(KafkaSettings kafka, String clientId) {
    return KafkaDeadLetters.create(kafka, clientId);
  }

  /** Sends a dead letter asynchronously; a failure surfaces in {@link #flush()}. */
  void send(ConsumerRecord<String, byte[]> record, String errorClass, String message);

  /**
   * Waits until every dead letter sent so far is acknowledged.
   *
   * @throws SinkException (retriable) when any was not: the batch must not be committed
   */
  void flush() throws SinkException;

  @Override
  default void close() {}
}
