package smarthome.ingest.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.ingest.pipeline.Component;

/**
 * Runs the log archiver inside the worker every so often (LOG_ARCHIVE_EVERY_HOURS), first a
 * minute after start. A failed run is logged and retried at the next turn: nothing is deleted
 * before its archive is verified, so a failure loses nothing.
 */
public final class ArchiveSchedule implements Component {
  private static final Logger log = LoggerFactory.getLogger(ArchiveSchedule.class);

  private final LogArchiver archiver;
  private final int retentionDays;
  private final Duration every;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Counter rows;
  private final Counter objects;
  private final AtomicLong lastRun = new AtomicLong();

  public ArchiveSchedule(LogArchiver archiver, int retentionDays, Duration every, MeterRegistry registry) {
    this.archiver = archiver;
    this.retentionDays = retentionDays;
    this.every = every;
    this.rows = Counter.builder("smarthome.archive.rows").description("log rows moved to S3")
        .register(registry);
    this.objects = Counter.builder("smarthome.archive.objects")
        .description("daily log archives written").register(registry);
    Gauge.builder("smarthome.archive.last.run.seconds", lastRun, AtomicLong::get)
        .description("epoch seconds of the last successful archive run").register(registry);
  }

  /** Counts a run's figures (also used by the one-shot command). */
  public static void record(LogArchiver.Result r, Counter rows, Counter objects) {
    rows.increment(r.rowsArchived());
    objects.increment(r.objectsWritten());
  }

  @Override
  public String name() {
    return "log-archive";
  }

  @Override
  public void run() {
    long wait = Duration.ofMinutes(1).toMillis();
    try {
      while (!stop.await(wait, TimeUnit.MILLISECONDS)) {
        try {
          LogArchiver.Result r = archiver.run(retentionDays);
          record(r, rows, objects);
          lastRun.set(System.currentTimeMillis() / 1000);
        } catch (Exception e) {
          log.warn("log archive run failed, next try in {}: {}", every, e.toString());
        }
        wait = every.toMillis();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    stop.countDown();
  }

  @Override
  public Throwable failure() {
    return null;
  }
}
