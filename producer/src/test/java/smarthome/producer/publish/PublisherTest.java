package smarthome.producer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.common.readings.Reading;

/** Delivery failures are surfaced by flush and close, never swallowed. */
class PublisherTest {
  static Reading reading() {
    return new Reading(UUID.randomUUID(), "lock-1", DeviceType.DOOR_LOCK,
        Instant.parse("2026-01-01T00:00:00Z"), Map.of("locked", true, "battery_level", 80.0));
  }

  @Test
  void recordsAreKeyedByDeviceIdOnTheReadingsTopic() {
    MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(),
        new ByteArraySerializer());
    try (Publisher p = new Publisher(mock)) {
      p.reading(reading());
      p.deviceTombstone("lock-1");
    }
    assertEquals("smarthome.readings", mock.history().get(0).topic());
    assertEquals("lock-1", mock.history().get(0).key());
    assertEquals(null, mock.history().get(1).value(), "a tombstone has no value");
  }

  @Test
  void aFailedSendMakesFlushThrowOnceWithTheCause() {
    MockProducer<String, byte[]> mock = new MockProducer<>(false, null, new StringSerializer(),
        new ByteArraySerializer());
    Publisher p = new Publisher(mock);
    var ok = p.reading(reading());
    var bad = p.reading(reading());
    mock.completeNext();
    mock.errorNext(new TimeoutException("broker gone"));
    assertTrue(ok.isDone() && !ok.isCompletedExceptionally());
    assertTrue(bad.isCompletedExceptionally());
    PublishException e = assertThrows(PublishException.class, p::flush);
    assertTrue(e.getMessage().startsWith("1 of 2 records were not acknowledged"), e.getMessage());
    assertEquals(1, p.failed());
    p.flush(); // already reported: the next flush is clean
  }
}
