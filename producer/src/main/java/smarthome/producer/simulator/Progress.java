package smarthome.producer.simulator;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A progress line on stderr for long runs: a bar when the total is known, events/s, sent and
 * errors. On a terminal it redraws in place twice a second; otherwise it prints a line every
 * ten seconds so logs stay readable.
 */
public final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final String label;
  private final long total;
  private final LongSupplier errors;
  private final boolean terminal;
  private final AtomicLong count = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final Thread thread;
  private volatile boolean done;
  private Supplier<Optional<String>> why = Optional::empty;
  private boolean explained;

  public Progress(PrintStream out, String label, long total, LongSupplier errors, boolean enabled) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.errors = errors;
    this.terminal = System.console() != null;
    this.thread = new Thread(this::loop, "progress");
    this.thread.setDaemon(true);
    if (enabled) {
      thread.start();
    }
  }

  public static Progress none() {
    return new Progress(System.err, "", 0, () -> 0, false);
  }

  /** Where the first error's explanation comes from; printed once, on its own line, when seen. */
  public Progress explainingErrors(Supplier<Optional<String>> firstError) {
    this.why = firstError;
    return this;
  }

  public void tick() {
    count.incrementAndGet();
  }

  public long count() {
    return count.get();
  }

  public double seconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private void loop() {
    long period = terminal ? 500 : 10_000;
    while (!done) {
      try {
        Thread.sleep(period);
      } catch (InterruptedException e) {
        return;
      }
      if (!done) {
        explainOnce();
        out.print((terminal ? "\r" : "") + line() + (terminal ? "" : "\n"));
        out.flush();
      }
    }
  }

  private void explainOnce() {
    Optional<String> first = explained || errors.getAsLong() == 0 ? Optional.empty() : why.get();
    if (first.isPresent()) {
      explained = true;
      out.print((terminal ? "\r" : "") + label + ": " + first.get() + "\n");
    }
  }

  String line() {
    long n = count.get();
    double s = Math.max(seconds(), 1e-3);
    StringBuilder b = new StringBuilder(label).append(' ');
    if (total > 0) {
      int width = 24;
      int filled = (int) Math.min(width, n * width / total);
      b.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ")
          .append(String.format(Locale.ROOT, "%3d%% ", Math.min(100, n * 100 / total)));
    }
    b.append(String.format(Locale.ROOT, "%,d sent  %,.0f events/s  %,d errors", n, n / s,
        errors.getAsLong()));
    return b.toString();
  }

  @Override
  public void close() {
    done = true;
    thread.interrupt();
    if (terminal) {
      out.print("\r" + " ".repeat(100) + "\r");
      out.flush();
    }
  }
}
