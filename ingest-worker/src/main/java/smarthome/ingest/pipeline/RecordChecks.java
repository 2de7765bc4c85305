package smarthome.ingest.pipeline;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.Text;

/**
 * The rules every decoder applies to the record around the event: a value is there, and the key
 * is the event's device_id, or per-device ordering would not hold.
 */
public final class RecordChecks {
  private RecordChecks() {}

  public static byte[] value(ConsumerRecord<String, byte[]> r) throws InvalidEventException {
    if (r.value() == null) {
      throw new InvalidEventException("record has no value");
    }
    return r.value();
  }

  /** The event's device id, when the record's key is that id. */
  public static String key(ConsumerRecord<String, byte[]> r, String deviceId)
      throws InvalidEventException {
    if (!deviceId.equals(r.key())) {
      throw new InvalidEventException("record key " + Text.quote(r.key())
          + " is not the event's device_id " + Text.quote(deviceId));
    }
    return deviceId;
  }
}
