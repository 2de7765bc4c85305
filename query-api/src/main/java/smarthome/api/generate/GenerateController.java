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
import smarthome.api.errors.ApiException;
import smarthome.api.http.Params;
import smarthome.common.devices.DeviceIds;
import smarthome.common.json.Text;

/** POST /generate-and-store: the seed's dummy data set, published through the simulator. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "data generation")
@SecurityRequirement(name = "bearerAuth")
public class GenerateController {
  static final int MAX_DEVICES = 1000;
  private final GenerateService service;

  public GenerateController(GenerateService service) {
    this.service = service;
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
  @ApiResponse(responseCode = "429", description = "another generate call is in progress (Retry-After)")
  @ApiResponse(responseCode = "503", description = "Kafka unavailable")
  public MutableHttpResponse<GenerateResult> generate(
      @Parameter(description = "number of devices, 1-1000 (default 5)")
      @Nullable @QueryValue("num_devices") String numDevices,
      @Parameter(description = "device ids are <id_prefix><n> (default device_)")
      @Nullable @QueryValue("id_prefix") String idPrefix) {
    int n = Params.wholeNumber("num_devices", numDevices, 5, MAX_DEVICES);
    String prefix = idPrefix == null ? "device_" : idPrefix;
    if (prefix.isEmpty() || prefix.length() > 50 || !DeviceIds.isValid(prefix)) {
      throw ApiException.badRequest("id_prefix " + Text.quote(prefix)
          + " must be 1-50 characters of A-Z a-z 0-9 _ . : - starting with a letter or digit");
    }
    // one of the API_MAX_GENERATE slots is held for this call by WorkSlotFilter
    return HttpResponse.<GenerateResult>status(HttpStatus.ACCEPTED).body(service.generate(n, prefix));
  }
}
