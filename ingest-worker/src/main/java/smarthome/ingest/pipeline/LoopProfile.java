package smarthome.ingest.pipeline;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a sink loop's time goes, phase by phase, and one INFO line about it every ten seconds
 * while the sink has work: the first place to look when a sink is slower than its store.
 */
final class LoopProfile {
  /** The loop's logger: the report line keeps the name it always had (s.ingest.pipeline.SinkRunner). */
  private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
  private static final long REPORT_EVERY_NANOS = 10_000_000_000L;

  /** The phases of one turn of the loop. */
  enum Phase { POLL, DECODE, WATERMARKS, STORE, COMMIT }

  private final String sinkName;
  private final SinkMetrics metrics;
  /** Nanoseconds per phase, by {@link Phase#ordinal()}: the loop adds to it per record, unboxed. */
  private final long[] spent = new long[Phase.values().length];
  private long lastReport = System.nanoTime();
  private long writtenAtReport;

  LoopProfile(String sinkName, SinkMetrics metrics) {
    this.sinkName = sinkName;
    this.metrics = metrics;
  }

  /** Counts the time since {@code startNanos} (a {@link System#nanoTime()}) to the phase. */
  void spent(Phase phase, long startNanos) {
    spent[phase.ordinal()] += System.nanoTime() - startNanos;
  }

  /** Logs the figures of the last ten seconds if they are due and anything happened. */
  void reportIfDue() {
    long now = System.nanoTime();
    if (now - lastReport < REPORT_EVERY_NANOS) {
      return;
    }
    long written = metrics.written();
    if (written != writtenAtReport || metrics.lag() > 0) {
      double span = (now - lastReport) / 1e9;
      log.info("{}: {} written ({}/s), {} dead letters, {} retries, lag {}; time in poll {}%, "
          + "decode {}%, watermarks {}%, store {}%, commit {}%", sinkName, written,
          Math.round((written - writtenAtReport) / span), metrics.deadLetterCount(),
          metrics.retryCount(), metrics.lag(), percent(Phase.POLL, span),
          percent(Phase.DECODE, span), percent(Phase.WATERMARKS, span), percent(Phase.STORE, span),
          percent(Phase.COMMIT, span));
    }
    Arrays.fill(spent, 0);
    lastReport = now;
    writtenAtReport = written;
  }

  private long percent(Phase phase, double seconds) {
    return Math.round(spent[phase.ordinal()] / 1e7 / seconds);
  }
}
