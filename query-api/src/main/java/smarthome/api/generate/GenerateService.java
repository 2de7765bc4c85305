package smarthome.api.generate;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import smarthome.api.ApiConfig;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.PublishException;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Fleet;
import smarthome.producer.simulator.Progress;
import smarthome.producer.simulator.PublishingEvents;

/** The seed's dummy data set: a fleet backfilled over the last 24 h, published through the simulator. */
@Singleton
public class GenerateService {
  private final ApiConfig config;

  public GenerateService(ApiConfig config) {
    this.config = config;
  }

  /** Publishes it all and returns once Kafka acknowledged every event; 503 when it did not. */
  public GenerateResult generate(int n, String prefix) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Fleet fleet = Fleet.create(n, prefix, Fleet.defaultMix(), Fleet.defaultLocations(),
        System.nanoTime(), end);
    Backfill.Plan plan = new Backfill.Plan(Duration.ofHours(24), Duration.ofMinutes(5), 10, 3, end);
    // a publisher of its own: its flush reports exactly this request's failures
    try (Publisher p = Publisher.create(config.kafka, PublisherOptions.defaults("query-api-generate")
        .withMaxBlock(Duration.ofSeconds(5)).withDeliveryTimeout(Duration.ofSeconds(30)))) {
      PublishingEvents events = new PublishingEvents(p, Progress.none());
      Backfill.run(fleet, plan, events);
      p.flush();
      PublishingEvents.Counts c = events.counts();
      return new GenerateResult(n, c.devices(), c.readings(), c.logs(), c.images(),
          Timestamps.format(end.minus(plan.window())), Timestamps.format(end),
          fleet.devices().stream().map(d -> d.deviceId()).toList(), "published");
    } catch (PublishException | org.apache.kafka.common.KafkaException e) {
      throw new StoreUnavailableException("kafka", e);
    }
  }
}
