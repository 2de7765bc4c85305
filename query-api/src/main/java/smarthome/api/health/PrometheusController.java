package smarthome.api.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** GET /prometheus: the API's metrics in the Prometheus text format (read key). */
@Controller
@Tag(name = "operations")
@SecurityRequirement(name = "bearerAuth")
public class PrometheusController {
  private final PrometheusMeterRegistry registry;

  public PrometheusController(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  // formatting every meter takes milliseconds of CPU: not on the event loop, whose connections
  // (uploads streaming in) would wait for it
  @Get("/prometheus")
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  @Operation(summary = "Metrics in the Prometheus text format")
  public String scrape() {
    return registry.scrape();
  }
}
