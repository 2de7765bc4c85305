package smarthome.api.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
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

  @Get("/prometheus")
  @Produces("text/plain; version=0.0.4; charset=utf-8")
  @Operation(summary = "Metrics in the Prometheus text format")
  public String scrape() {
    return registry.scrape();
  }
}
