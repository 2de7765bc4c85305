package smarthome.api.auth;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * GET /key: what the caller's key may do, so a client (the dashboard) offers only what will work,
 * e.g. the delete button for an admin key. The secret itself is never echoed.
 */
@Controller
@Tag(name = "keys")
@SecurityRequirement(name = "bearerAuth")
public class KeyController {

  /** The key's name (as in API_KEYS), its role and the devices it is scoped to (empty: all). */
  @Serdeable
  public record KeyView(String name, String role, List<String> devices) {}

  @Get("/key")
  @Operation(summary = "The caller's key: its name, role and device scope")
  @ApiResponse(responseCode = "200", description = "the key")
  @ApiResponse(responseCode = "401", description = "missing or invalid key")
  public KeyView key(HttpRequest<?> request) {
    ApiKey key = request.getAttribute(ApiKey.ATTRIBUTE, ApiKey.class).orElseThrow();
    return new KeyView(key.name(), key.role().wire(), key.devices().stream().sorted().toList());
  }
}
