package smarthome.api.health;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The stores' states for /health/ready, probed at most once per {@link #TTL}: however many callers
 * (orchestrators, load balancers, an attacker) ask at once, one probe run is in flight and the rest
 * share its answer, so readiness checks cannot multiply the load on the stores.
 */
@Singleton
public class Readiness {
  static final Duration TTL = Duration.ofSeconds(3);

  /** One probe run's result and when it was taken. */
  record Snapshot(Map<String, String> states, long atNanos) {
    boolean up() {
      return StoreHealth.allUp(states);
    }
  }

  private final Supplier<Map<String, String>> probe;
  private final LongSupplier clock;
  private final long ttlNanos;
  private final AtomicReference<CompletableFuture<Snapshot>> current = new AtomicReference<>();

  public Readiness(StoreHealth stores) {
    this(stores::check, System::nanoTime, TTL);
  }

  Readiness(Supplier<Map<String, String>> probe, LongSupplier clock, Duration ttl) {
    this.probe = probe;
    this.clock = clock;
    this.ttlNanos = ttl.toNanos();
  }

  /** The latest states, probing again when they are older than the TTL. */
  Snapshot get() {
    CompletableFuture<Snapshot> f = current.get();
    if (f == null || (f.isDone() && stale(f.join()))) {
      CompletableFuture<Snapshot> mine = new CompletableFuture<>();
      if (current.compareAndSet(f, mine)) {
        // this caller runs the probes (bounded by the probe runner's own timeout); others wait for it
        try {
          mine.complete(new Snapshot(Map.copyOf(probe.get()), clock.getAsLong()));
        } catch (RuntimeException e) {
          mine.completeExceptionally(e);
          current.compareAndSet(mine, null);
          throw e;
        }
        return mine.join();
      }
      f = current.get();
    }
    try {
      return f.get(StoreHealth.TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("readiness probe failed", e);
    }
  }

  private boolean stale(Snapshot s) {
    return clock.getAsLong() - s.atNanos() >= ttlNanos;
  }
}
