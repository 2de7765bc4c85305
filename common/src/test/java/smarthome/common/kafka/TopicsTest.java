package smarthome.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void namesFollowTheDesign() {
    assertEquals("smarthome.readings", Topics.READINGS.name());
    assertEquals("smarthome.readings.dlq", Topics.READINGS.deadLetters().name());
    assertEquals("compact", Topics.DEVICES.configs().get("cleanup.policy"));
    assertEquals("12582912", Topics.IMAGES.deadLetters().configs().get("max.message.bytes"));
    assertEquals(10, Topics.all().size());
  }
}
