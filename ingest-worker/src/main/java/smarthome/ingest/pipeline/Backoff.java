package smarthome.ingest.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Capped exponential backoff with jitter: initial, 2x, 4x, ... up to max, each +-20 %. */
public final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private int attempt;

  public Backoff(Duration initial, Duration max) {
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < initial <= max");
    }
    this.initialMs = initial.toMillis();
    this.maxMs = max.toMillis();
  }

  /** The delay before the next attempt; grows with each call until {@link #reset()}. */
  public long nextDelayMs() {
    long base = attempt >= 30 ? maxMs : Math.min(maxMs, initialMs << attempt);
    attempt++;
    double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
    return Math.min(maxMs, Math.max(1, Math.round(base * jitter)));
  }

  public int attempts() {
    return attempt;
  }

  public void reset() {
    attempt = 0;
  }
}
