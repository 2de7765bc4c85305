package smarthome.api.generate;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import smarthome.api.ApiConfig;
import smarthome.api.errors.ApiException;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.common.devices.DeviceIds;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.PublishException;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Fleet;
import smarthome.producer.simulator.Progress;
import smarthome.producer.simulator.PublishingEvents;

/** POST /generate-and-store: the seed's dummy data set, published through the simulator. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "data generation")
@SecurityRequirement(name = "bearerAuth")
public class GenerateController {
  static final int MAX_DEVICES = 1000;
  private final ApiConfig config;

  public GenerateController(ApiConfig config) {
    this.config = config;
  }

  @Post("/generate-and-store")
  @Operation(summary = "Generate and store dummy data (write)",
      description = "Publishes, for devices device_1..device_N, their metadata, 24 h of readings at "
          + "5-minute intervals, ten logs each and three snapshots per camera, and answers 202 once "
          + "Kafka acknowledged all of it. The ingest worker stores it within seconds. The data is "
          + "stamped in the past: for a device deleted earlier it counts as the old life and is "
          + "dropped, so use another id_prefix after a DELETE.")
  @ApiResponse(responseCode = "202", description = "what was published")
  @ApiResponse(responseCode = "400", description = "num_devices is not a whole number")
  @ApiResponse(responseCode = "422", description = "num_devices outside 1-1000")
  @ApiResponse(responseCode = "503", description = "Kafka unavailable")
  public MutableHttpResponse<GenerateResult> generate(
      @Parameter(description = "number of devices, 1-1000 (default 5)")
      @Nullable @QueryValue("num_devices") String numDevices,
      @Parameter(description = "device ids are <id_prefix><n> (default device_)")
      @Nullable @QueryValue("id_prefix") String idPrefix) {
    int n = parse(numDevices);
    String prefix = idPrefix == null ? "device_" : idPrefix;
    if (prefix.isEmpty() || prefix.length() > 50 || !DeviceIds.isValid(prefix)) {
      throw ApiException.badRequest("id_prefix " + Text.quote(prefix)
          + " must be 1-50 characters of A-Z a-z 0-9 _ . : - starting with a letter or digit");
    }
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
      return HttpResponse.<GenerateResult>status(HttpStatus.ACCEPTED).body(new GenerateResult(n,
          c.devices(), c.readings(), c.logs(), c.images(),
          Timestamps.format(end.minus(plan.window())), Timestamps.format(end),
          fleet.devices().stream().map(d -> d.deviceId()).toList(), "published"));
    } catch (PublishException | org.apache.kafka.common.KafkaException e) {
      throw new StoreUnavailableException("kafka", e);
    }
  }

  static int parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      return 5;
    }
    int n;
    try {
      n = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("num_devices " + Text.quote(raw) + " is not a whole number");
    }
    if (n < 1 || n > MAX_DEVICES) {
      throw ApiException.unprocessable("num_devices must be 1-" + MAX_DEVICES + ", got " + n);
    }
    return n;
  }
}
