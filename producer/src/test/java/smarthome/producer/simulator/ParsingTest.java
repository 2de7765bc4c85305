package smarthome.producer.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;

class ParsingTest {
  @Test
  void durations() {
    assertEquals(Duration.ofMillis(500), Parsing.duration("500ms"));
    assertEquals(Duration.ofMinutes(5), Parsing.duration("5m"));
    assertEquals(Duration.ofHours(24), Parsing.duration("24h"));
    assertEquals(Duration.ofDays(7), Parsing.duration("7d"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.duration("5"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.duration("0s"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.duration("-1m"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.duration("m"));
  }

  @Test
  void rates() {
    assertEquals(2000, Parsing.rate("2000/s"));
    assertEquals(2, Parsing.rate("120/m"));
    assertEquals(50, Parsing.rate("50"));
    assertEquals(Double.POSITIVE_INFINITY, Parsing.rate("max"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.rate("0/s"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.rate("fast"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.rate("NaN"));
  }

  @Test
  void weightedMix() {
    assertEquals(List.of(DeviceType.THERMOSTAT, DeviceType.THERMOSTAT, DeviceType.CAMERA),
        Parsing.mix("thermostat=2,camera"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.mix("toaster"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.mix("camera=0"));
    assertThrows(IllegalArgumentException.class, () -> Parsing.mix("camera=x"));
  }
}
