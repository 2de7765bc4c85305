package smarthome.api.health;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;

/** GET /health: each store and Kafka, checked in parallel with short timeouts; 503 if one is down. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "operations")
public class HealthController {
  @Serdeable
  public record Health(String status, Map<String, String> checks) {}

  private final StoreHealth stores;

  public HealthController(StoreHealth stores) {
    this.stores = stores;
  }

  @Get("/health")
  @Operation(summary = "Health of the API and of each store (no key needed)")
  @ApiResponse(responseCode = "200", description = "everything answers")
  @ApiResponse(responseCode = "503", description = "at least one store or Kafka is down")
  public MutableHttpResponse<Health> health() {
    Map<String, String> checks = stores.check();
    boolean up = StoreHealth.allUp(checks);
    MutableHttpResponse<Health> r = HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(new Health(up ? "UP" : "DOWN", checks));
    if (!up) {
      r.header("Retry-After", "5");
    }
    return r;
  }
}
