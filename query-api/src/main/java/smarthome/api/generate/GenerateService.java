package smarthome.api.generate;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.PublishException;
import smarthome.producer.publish.Publisher;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Fleet;

/** The seed's dummy data set: a fleet backfilled over the last 24 h, published through the simulator. */
@Singleton
public class GenerateService {
  /** How long a call waits for Kafka to acknowledge everything it published. */
  static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
  private final Publisher publisher;

  public GenerateService(Publisher publisher) {
    this.publisher = publisher;
  }

  /** Publishes it all and returns once Kafka acknowledged every event; 503 when it did not. */
  public GenerateResult generate(int n, String prefix) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Fleet fleet = Fleet.create(n, prefix, Fleet.defaultMix(), Fleet.defaultLocations(),
        System.nanoTime(), end);
    Backfill.Plan plan = new Backfill.Plan(Duration.ofHours(24), Duration.ofMinutes(5), 10, 3, end);
    // the API's one producer (its buffer bounds the memory of every call together); this
    // request's own acknowledgements are tracked apart from the other callers'
    TrackedEvents events = new TrackedEvents(publisher, ACK_TIMEOUT);
    try {
      Backfill.run(fleet, plan, events);
      events.awaitAcknowledged();
    } catch (PublishException | org.apache.kafka.common.KafkaException e) {
      throw new StoreUnavailableException("kafka", e);
    }
    return new GenerateResult(n, events.devices(), events.readings(), events.logs(), events.images(),
        Timestamps.format(end.minus(plan.window())), Timestamps.format(end),
        fleet.devices().stream().map(d -> d.deviceId()).toList(), "published");
  }
}
