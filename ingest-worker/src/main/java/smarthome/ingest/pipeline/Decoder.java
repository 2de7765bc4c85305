package smarthome.ingest.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import smarthome.common.json.InvalidEventException;

/** Turns a raw record into an event, or says why not (the reason goes to the dead-letter topic). */
@FunctionalInterface
public interface Decoder<T> {
  Decoded<T> decode(ConsumerRecord<String, byte[]> record) throws InvalidEventException;
}
