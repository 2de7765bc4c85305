package smarthome.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LiveStreamsTest {
  @Test
  void aReadingEventIsMatchedByItsEventId() {
    assertEquals("6c1f0000-0000-4000-8000-000000000001", LiveStreams.eventId("{\"event_id\":"
        + "\"6c1f0000-0000-4000-8000-000000000001\",\"device_id\":\"lprobe_1\",\"values\":{\"locked\":true}}"));
  }

  @Test
  void anEventThatIsNotJsonIsNamedNotSkipped() {
    assertThrows(IllegalArgumentException.class, () -> LiveStreams.eventId("not json"));
  }
}
