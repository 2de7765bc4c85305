package smarthome.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void growsExponentiallyWithJitterUpToTheCap() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
    long[] expected = {100, 200, 400, 800, 1000, 1000, 1000};
    for (long e : expected) {
      long d = b.nextDelayMs();
      assertTrue(d >= Math.round(e * 0.8) - 1 && d <= Math.min(1000, Math.round(e * 1.2)),
          "delay " + d + " for base " + e);
    }
    assertEquals(7, b.attempts());
    for (int i = 0; i < 100; i++) {
      assertTrue(b.nextDelayMs() <= 1000, "never above the cap");
    }
    b.reset();
    assertTrue(b.nextDelayMs() <= 120);
  }

  @Test
  void refusesAnInvertedRange() {
    assertThrows(IllegalArgumentException.class,
        () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
  }
}
