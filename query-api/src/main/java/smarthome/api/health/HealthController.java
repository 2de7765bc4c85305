package smarthome.api.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
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
import smarthome.api.auth.ApiKey;

/**
 * Health the way orchestrators ask for it: /health/live (the process answers; open, no store is
 * touched) and /health/ready (stores and Kafka, cached for a few seconds; the per-store states
 * only for a caller with a key). /health is /health/ready, as before.
 */
@Controller
@Tag(name = "operations")
public class HealthController {
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Health(String status, @Nullable Map<String, String> checks) {}

  private final Readiness readiness;

  public HealthController(Readiness readiness) {
    this.readiness = readiness;
  }

  @Get("/health/live")
  @Operation(summary = "Liveness: the API process answers (no key, touches no store)")
  @ApiResponse(responseCode = "200", description = "the process is up")
  public Health live() {
    return new Health("UP", null);
  }

  @Get("/health/ready")
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "Readiness: every store and Kafka answers (no key; the per-store states with a key)",
      description = "Probed at most once every 3 s, on threads of its own with a 3 s timeout.")
  @ApiResponse(responseCode = "200", description = "everything answers")
  @ApiResponse(responseCode = "503", description = "at least one store or Kafka is down (Retry-After)")
  public MutableHttpResponse<Health> ready(HttpRequest<?> request) {
    Readiness.Snapshot s = readiness.get();
    boolean detail = request.getAttribute(ApiKey.ATTRIBUTE, ApiKey.class).isPresent();
    MutableHttpResponse<Health> r = HttpResponse.status(s.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(new Health(s.up() ? "UP" : "DOWN", detail ? s.states() : null));
    if (!s.up()) {
      r.header("Retry-After", "5");
    }
    return r;
  }

  @Get("/health")
  @ExecuteOn(TaskExecutors.BLOCKING)
  @Operation(summary = "The same as /health/ready (kept for existing checks)")
  @ApiResponse(responseCode = "200", description = "everything answers")
  @ApiResponse(responseCode = "503", description = "at least one store or Kafka is down (Retry-After)")
  public MutableHttpResponse<Health> health(HttpRequest<?> request) {
    return ready(request);
  }
}
