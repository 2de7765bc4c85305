package smarthome.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A store that hangs must neither hold /health past its timeout nor take threads it does not own. */
class ProbeRunnerTest {
  static final Duration TIMEOUT = Duration.ofMillis(300);
  /** Generous: the machine running the tests may be busy. */
  static final long BOUND_MS = TIMEOUT.toMillis() + 1500;

  final CountDownLatch storeBack = new CountDownLatch(1);
  final AtomicInteger hungRuns = new AtomicInteger();
  final AtomicReference<Thread> hungThread = new AtomicReference<>();
  ProbeRunner runner;

  /** Like a driver stuck in a socket read: it ignores interrupts until the store answers. */
  final Callable<String> hung = () -> {
    hungRuns.incrementAndGet();
    hungThread.set(Thread.currentThread());
    boolean answered = false;
    while (!answered) {
      try {
        answered = storeBack.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException ignored) {
        // a blocked socket read does not see it either
      }
    }
    return ProbeRunner.UP;
  };

  @BeforeEach
  void start() {
    Map<String, Callable<String>> probes = new LinkedHashMap<>();
    probes.put("postgresql", () -> ProbeRunner.UP);
    probes.put("influxdb", hung);
    probes.put("s3", () -> {
      throw new IllegalStateException("403");
    });
    runner = new ProbeRunner(probes, TIMEOUT, "health-probe");
  }

  @AfterEach
  void stop() {
    storeBack.countDown();
    runner.close();
  }

  Map<String, String> timedCheck() {
    long t0 = System.nanoTime();
    Map<String, String> states = runner.runAll();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < BOUND_MS, "the check took " + ms + " ms, the timeout is " + TIMEOUT.toMillis());
    return states;
  }

  @Test
  void aHungProbeIsDownWithinTheTimeoutOnAThreadOfItsOwn() {
    Map<String, String> states = timedCheck();
    assertEquals(Map.of("postgresql", "UP", "influxdb", "DOWN", "s3", "DOWN"), states);
    assertEquals(java.util.List.of("postgresql", "influxdb", "s3"), java.util.List.copyOf(states.keySet()));
    Thread t = hungThread.get();
    assertFalse(t instanceof ForkJoinWorkerThread, "a probe ran on a fork-join pool thread: " + t);
    assertTrue(t.getName().startsWith("health-probe"), "a probe ran on " + t.getName());
  }

  @Test
  void aProbeStillHungIsNotStartedAgainSoChecksNeverPileUpThreads() {
    for (int i = 0; i < 5; i++) {
      assertEquals("DOWN", timedCheck().get("influxdb"));
    }
    assertEquals(1, hungRuns.get(), "every check started another run of the hung probe");
    // once the store answers, the probe runs again and reports it
    storeBack.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> "UP".equals(runner.runAll().get("influxdb")));
    assertTrue(hungRuns.get() >= 2);
  }
}
