package smarthome.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import smarthome.common.devices.DeviceType;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;

/**
 * Readings published steadily through the simulator's producer (idempotent, acks=all) across a
 * broker fault, ten devices of a prefix, one every 10 ms of event time. Each acknowledgement is
 * kept as device@millis, the point's identity in InfluxDB, so what was acknowledged can be looked
 * up exactly; a send the client was told failed is counted apart.
 */
final class AckedTraffic implements AutoCloseable {
  final String prefix;
  final Set<String> acked = ConcurrentHashMap.newKeySet();
  final AtomicLong sent = new AtomicLong();
  final AtomicLong failed = new AtomicLong();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Publisher publisher;
  private final Thread thread;

  AckedTraffic(Harness h, String prefix, String clientId) {
    this.prefix = prefix;
    // a blocked send or an unacknowledged record waits out any outage of these scenarios
    this.publisher = Publisher.create(h.stack.kafka(), PublisherOptions.defaults(clientId)
        .withMaxBlock(Duration.ofSeconds(120)).withDeliveryTimeout(Duration.ofSeconds(180)));
    this.thread = new Thread(this::run, "traffic-" + prefix);
    thread.start();
  }

  private void run() {
    Instant start = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
    long i = 0;
    while (!stop.get()) {
      String device = prefix + (i % 10);
      Instant t = start.plusMillis(i * 10);
      String key = device + "@" + t.toEpochMilli();
      sent.incrementAndGet();
      publisher.reading(new Reading(UUID.randomUUID(), device, DeviceType.DOOR_LOCK, t,
          Map.of("locked", true, "battery_level", 40.0))).whenComplete((md, ex) -> {
            if (ex == null) {
              acked.add(key);
            } else {
              failed.incrementAndGet();
            }
          });
      i++;
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** The first failure a send reported, explained; "none" when every send was acknowledged. */
  String firstFailure() {
    return publisher.firstFailure().orElse("none");
  }

  /** Stops sending and waits for every outstanding acknowledgement or failure. */
  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join();
    try {
      publisher.close();
    } catch (RuntimeException e) {
      // failures are counted per send
    }
  }
}
