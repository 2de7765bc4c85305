package smarthome.api.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs named health probes in parallel on threads of its own, all within one timeout. A probe
 * that has not answered by then is DOWN and is interrupted. A probe blocked where an interrupt does
 * not reach (a driver in a socket read) keeps its thread, and until it returns it is not started
 * again: the next checks report it DOWN at once. So a hung store holds one thread of this runner,
 * never one per request, and never a thread of the common pool that the rest of the server shares.
 */
final class ProbeRunner implements AutoCloseable {
  static final String UP = "UP";
  static final String DOWN = "DOWN";

  /** One probe, and whether a run of it is still on a thread. */
  private static final class Slot {
    final Callable<String> probe;
    final AtomicBoolean running = new AtomicBoolean();
    volatile boolean started;

    Slot(Callable<String> probe) {
      this.probe = probe;
    }
  }

  private final Map<String, Slot> slots = new LinkedHashMap<>();
  private final ExecutorService threads;
  private final long timeoutNanos;

  /** @param probes each answers UP or another state, or throws (DOWN); in this order in the result */
  ProbeRunner(Map<String, Callable<String>> probes, Duration timeout, String threadName) {
    probes.forEach((name, probe) -> slots.put(name, new Slot(probe)));
    this.timeoutNanos = timeout.toNanos();
    AtomicInteger n = new AtomicInteger();
    // one thread per probe is enough: a probe never has two runs at once
    this.threads = Executors.newFixedThreadPool(slots.size(), r -> {
      Thread t = new Thread(r, threadName + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** Every probe's state, each DOWN that did not answer within the timeout. */
  Map<String, String> runAll() {
    long deadline = System.nanoTime() + timeoutNanos;
    Map<String, Future<String>> runs = new LinkedHashMap<>();
    slots.forEach((name, slot) -> runs.put(name, start(slot)));
    Map<String, String> states = new LinkedHashMap<>();
    runs.forEach((name, run) -> states.put(name, await(slots.get(name), run, deadline)));
    return states;
  }

  /** A new run of the probe, or null while the last one is still stuck. */
  private Future<String> start(Slot slot) {
    if (!slot.running.compareAndSet(false, true)) {
      return null;
    }
    slot.started = false;
    try {
      return threads.submit(() -> {
        slot.started = true;
        try {
          return slot.probe.call();
        } finally {
          slot.running.set(false);
        }
      });
    } catch (RejectedExecutionException e) { // closed
      slot.running.set(false);
      return null;
    }
  }

  private static String await(Slot slot, Future<String> run, long deadline) {
    if (run == null) {
      return DOWN;
    }
    try {
      String state = run.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return state == null ? DOWN : state;
    } catch (ExecutionException e) {
      return DOWN;
    } catch (TimeoutException e) {
      // interrupt it if it runs; one that has not started yet runs once later, then frees its slot
      if (slot.started) {
        run.cancel(true);
      }
      return DOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DOWN;
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
