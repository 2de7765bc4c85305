package smarthome.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Readiness probes the stores at most once per TTL, however many callers ask. */
class ReadinessTest {
  final AtomicLong now = new AtomicLong();
  final AtomicInteger runs = new AtomicInteger();

  @Test
  void withinTheTtlTheLastAnswerIsSharedAfterItTheStoresAreProbedAgain() {
    Readiness r = new Readiness(() -> Map.of("kafka", runs.incrementAndGet() == 1 ? "UP" : "DOWN"),
        now::get, Duration.ofSeconds(3));
    assertTrue(r.get().up());
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertTrue(r.get().up());
    assertEquals(1, runs.get());
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertFalse(r.get().up());
    assertEquals(2, runs.get());
  }

  @Test
  void concurrentCallersShareOneProbeRun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Readiness r = new Readiness(() -> {
      runs.incrementAndGet();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Map.of("s3", "UP");
    }, now::get, Duration.ofSeconds(3));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Readiness.Snapshot>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(pool.submit(r::get));
      }
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
      release.countDown();
      for (Future<Readiness.Snapshot> f : all) {
        assertTrue(f.get().up());
      }
      assertEquals(1, runs.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFailedRunIsRetriedByTheNextCaller() {
    Readiness r = new Readiness(() -> {
      if (runs.incrementAndGet() == 1) {
        throw new IllegalStateException("probe runner closed");
      }
      return Map.of("influxdb", "UP");
    }, now::get, Duration.ofSeconds(3));
    assertThrows(IllegalStateException.class, r::get);
    assertTrue(r.get().up());
  }
}
