package smarthome.api.generate;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import smarthome.common.devices.Device;
import smarthome.common.images.ImageMeta;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.PublishException;
import smarthome.producer.publish.Publisher;
import smarthome.producer.simulator.Events;

/**
 * One request's events through the API's shared publisher, with that request's own account of
 * what Kafka acknowledged: the publisher's flush reports every caller's failures, so each request
 * counts its own sends and waits for exactly those. After the first failure it stops sending, so a
 * Kafka outage ends the request at once instead of timing out every remaining event.
 */
final class TrackedEvents implements Events {
  private final Publisher publisher;
  private final Duration ackTimeout;
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();
  private final Object lock = new Object();
  private long pending;
  private long devices;
  private long readings;
  private long logs;
  private long images;

  TrackedEvents(Publisher publisher, Duration ackTimeout) {
    this.publisher = publisher;
    this.ackTimeout = ackTimeout;
  }

  @Override
  public void device(Device d) {
    track(publisher.device(d));
    devices++;
  }

  @Override
  public void devicesDone() {
    awaitAcknowledged();
  }

  @Override
  public void reading(Reading r) {
    track(publisher.reading(r));
    readings++;
  }

  @Override
  public void log(LogEvent e) {
    track(publisher.log(e));
    logs++;
  }

  @Override
  public void image(ImageMeta meta, byte[] bytes) {
    track(publisher.image(meta, bytes));
    images++;
  }

  private void track(CompletableFuture<?> ack) {
    synchronized (lock) {
      pending++;
    }
    ack.whenComplete((md, e) -> {
      if (e != null) {
        firstError.compareAndSet(null, e);
      }
      synchronized (lock) {
        pending--;
        lock.notifyAll();
      }
    });
    failFast();
  }

  private void failFast() {
    Throwable e = firstError.get();
    if (e != null) {
      throw new PublishException("Kafka did not acknowledge an event: " + e, e);
    }
  }

  /** Waits until every event sent so far is acknowledged; throws on the first failure or timeout. */
  void awaitAcknowledged() {
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    synchronized (lock) {
      while (pending > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new PublishException(pending + " events not acknowledged within "
              + ackTimeout.toSeconds() + " s", null);
        }
        try {
          lock.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PublishException("interrupted while waiting for Kafka", e);
        }
      }
    }
    failFast();
  }

  long devices() {
    return devices;
  }

  long readings() {
    return readings;
  }

  long logs() {
    return logs;
  }

  long images() {
    return images;
  }
}
