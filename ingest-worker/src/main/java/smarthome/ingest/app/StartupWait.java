package smarthome.ingest.app;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.ingest.pipeline.Backoff;
import smarthome.ingest.pipeline.SinkException;

/**
 * The worker's start-up steps against its stores. A worker may start before its stores (a
 * restart of the whole machine), so a step is retried with backoff while its store is
 * unavailable; the store's own classifier decides, and a fatal answer (bad credentials, no such
 * database) stops the start at once with the classifier's message, which names the setting.
 */
final class StartupWait {
  private static final Logger log = LoggerFactory.getLogger(StartupWait.class);

  /** One step; its failure classified by the store's classifier. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws SinkException;
  }

  private final Duration initial;
  private final Duration max;
  private final BooleanSupplier stopping;

  StartupWait(Duration initial, Duration max, BooleanSupplier stopping) {
    this.initial = initial;
    this.max = max;
    this.stopping = stopping;
  }

  /**
   * Runs the step until it succeeds.
   *
   * @throws StartupException when the step failed for good
   * @throws InterruptedException when the worker was stopped meanwhile
   */
  <T> T until(String what, Step<T> step) throws InterruptedException {
    Backoff b = new Backoff(initial, max);
    while (true) {
      if (stopping.getAsBoolean()) {
        throw new InterruptedException("stopped while waiting for " + what);
      }
      try {
        return step.run();
      } catch (SinkException e) {
        if (e.kind() == SinkException.Kind.FATAL) {
          throw new StartupException(e.getMessage());
        }
        long d = b.nextDelayMs();
        if (b.attempts() == 1 || b.attempts() % 10 == 0) {
          log.warn("waiting for {}: {} (retry {} in {} ms)", what, messages(e), b.attempts(), d);
        }
        Thread.sleep(d);
      }
    }
  }

  /** The message and those of its causes: the root one usually says what is wrong. */
  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable t = e.getCause();
    for (int depth = 0; t != null && depth < 10; t = t.getCause(), depth++) { // a cycle ends too
      sb.append(" / ").append(t.getMessage());
    }
    return sb.toString();
  }
}
