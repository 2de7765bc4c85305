package smarthome.api.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
import smarthome.producer.publish.PublishException;
import smarthome.producer.publish.Publisher;

/** Each request's acknowledgements apart from the other users of the shared publisher. */
class TrackedEventsTest {
  static Reading reading() {
    return new Reading(UUID.randomUUID(), "lock-1", DeviceType.DOOR_LOCK,
        Instant.parse("2026-01-01T00:00:00Z"), Map.of("locked", true, "battery_level", 80.0));
  }

  static MockProducer<String, byte[]> producer() {
    return new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
  }

  @Test
  void anotherCallersFailureIsNotThisRequests() {
    MockProducer<String, byte[]> mock = producer();
    Publisher shared = new Publisher(mock);
    shared.reading(reading()); // someone else's send, which fails
    TrackedEvents mine = new TrackedEvents(shared, Duration.ofSeconds(5));
    mine.reading(reading());
    mine.reading(reading());
    mock.errorNext(new TimeoutException("not mine"));
    mock.completeNext();
    mock.completeNext();
    mine.awaitAcknowledged();
    assertEquals(2, mine.readings());
  }

  @Test
  void itsOwnFailureEndsTheRequestAtTheNextSend() {
    MockProducer<String, byte[]> mock = producer();
    TrackedEvents mine = new TrackedEvents(new Publisher(mock), Duration.ofSeconds(5));
    mine.reading(reading());
    mock.errorNext(new TimeoutException("broker gone"));
    PublishException e = assertThrows(PublishException.class, () -> mine.reading(reading()));
    assertTrue(e.getMessage().contains("broker gone"), e.getMessage());
  }

  @Test
  void unacknowledgedEventsTimeOut() {
    TrackedEvents mine = new TrackedEvents(new Publisher(producer()), Duration.ofMillis(50));
    mine.reading(reading());
    PublishException e = assertThrows(PublishException.class, mine::awaitAcknowledged);
    assertTrue(e.getMessage().contains("1 events not acknowledged"), e.getMessage());
  }
}
