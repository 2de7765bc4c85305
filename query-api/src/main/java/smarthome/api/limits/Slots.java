package smarthome.api.limits;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import smarthome.api.errors.TooManyRequestsException;

/**
 * A fixed number of concurrent runs of one expensive kind of request (uploads, data generation).
 * One more is refused at once with 429 and Retry-After instead of queueing: a queue of requests
 * that each hold megabytes is how the heap ran out.
 */
public final class Slots {
  private final String what;
  private final int size;
  private final Semaphore permits;
  private final int retryAfterSeconds;

  public Slots(String what, int size, int retryAfterSeconds) {
    if (size < 1) {
      throw new IllegalArgumentException("at least one slot");
    }
    this.what = what;
    this.size = size;
    this.permits = new Semaphore(size);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A held slot; closing it (once or more) gives it back. */
  public interface Permit extends AutoCloseable {
    @Override
    void close();
  }

  /** @throws TooManyRequestsException when every slot is taken */
  public Permit take() {
    if (!permits.tryAcquire()) {
      throw new TooManyRequestsException("too many " + what + " in progress (at most " + size
          + " at once); try again shortly", retryAfterSeconds);
    }
    AtomicBoolean held = new AtomicBoolean(true);
    return () -> {
      if (held.compareAndSet(true, false)) {
        permits.release();
      }
    };
  }

  public int available() {
    return permits.availablePermits();
  }
}
