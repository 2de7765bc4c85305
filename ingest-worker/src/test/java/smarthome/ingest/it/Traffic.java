package smarthome.ingest.it;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import smarthome.common.devices.DeviceType;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Fleet;
import smarthome.producer.simulator.Progress;
import smarthome.producer.simulator.PublishingEvents;
import smarthome.testkit.TestStack;

/** Test traffic from the simulator's library, under a prefix no other test uses. */
final class Traffic {
  private Traffic() {}

  static String prefix(String tag) {
    return tag + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
  }

  static Publisher publisher() {
    return Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-traffic"));
  }

  /**
   * Publishes a backfill and returns its counts: devices x steps readings, logs per device, images
   * per camera.
   */
  static PublishingEvents.Counts backfill(String prefix, int devices, List<DeviceType> mix,
      Duration window, Duration interval, int logs, int images, Instant end) {
    Fleet fleet = Fleet.create(devices, prefix, mix, Fleet.defaultLocations(), prefix.hashCode(), end);
    try (Publisher p = publisher()) {
      PublishingEvents events = new PublishingEvents(p, Progress.none());
      Backfill.run(fleet, new Backfill.Plan(window, interval, logs, images, end), events);
      p.flush();
      return events.counts();
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
