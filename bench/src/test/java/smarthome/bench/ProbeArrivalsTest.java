package smarthome.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ProbeArrivalsTest {
  @Test
  void recordsEachExpectedProbeOnceFromItsOwnSendTime() {
    ProbeArrivals a = new ProbeArrivals();
    a.expect("p1", 1_000_000_000L);
    a.expect("p2", 1_050_000_000L);
    assertTrue(a.arrived("p2", 1_250_000_000L)); // 200 ms
    assertTrue(a.arrived("p1", 1_100_000_000L)); // 100 ms, arriving after p2
    assertFalse(a.arrived("p1", 1_300_000_000L)); // a redelivery
    Histogram h = a.micros();
    assertEquals(2, h.getTotalCount());
    assertEquals(100, h.getValueAtPercentile(50) / 1000);
    assertEquals(200, h.getMaxValue() / 1000);
    assertEquals(0, a.outstanding());
    assertEquals(1, a.unexpected());
  }

  @Test
  void unknownArrivalsAreNotRecordedAndMissingProbesStayOutstanding() {
    ProbeArrivals a = new ProbeArrivals();
    a.expect("counted", 0);
    assertFalse(a.arrived("warm-up", 5_000_000));
    assertEquals(0, a.micros().getTotalCount());
    assertEquals(1, a.outstanding());
    assertEquals(1, a.unexpected());
  }

  @Test
  void percentilesOverManyProbes() {
    ProbeArrivals a = new ProbeArrivals();
    for (int i = 1; i <= 100; i++) {
      a.expect("p" + i, 0);
      a.arrived("p" + i, i * 1_000_000L); // 1..100 ms
    }
    Histogram h = a.micros();
    assertEquals(50, Math.round(h.getValueAtPercentile(50) / 1000.0));
    assertEquals(99, Math.round(h.getValueAtPercentile(99) / 1000.0));
    assertEquals(100, Math.round(h.getMaxValue() / 1000.0));
  }
}
