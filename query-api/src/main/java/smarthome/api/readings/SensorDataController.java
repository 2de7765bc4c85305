package smarthome.api.readings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import smarthome.api.http.Params;

/** GET /devices/{device_id}/sensor-data. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sensor data")
@SecurityRequirement(name = "bearerAuth")
public class SensorDataController {
  private final SensorDataService service;
  private final Clock clock = Clock.systemUTC();

  public SensorDataController(SensorDataService service) {
    this.service = service;
  }

  @Get(uri = "/devices/{device_id}/sensor-data", produces = MediaType.APPLICATION_JSON)
  @Operation(summary = "A device's sensor readings",
      description = "Raw readings oldest first, by default over the last 24 h; rows are "
          + "{timestamp, device_id, device_type, <fields of the type>}. With interval (and fn) the "
          + "series is downsampled: one row per interval. Raw requests are capped (422: narrow the "
          + "range or set interval). mean, min, max and sum apply to numeric fields; count and last "
          + "to all.")
  @ApiResponse(responseCode = "200", description = "the rows, oldest first",
      content = @Content(mediaType = "application/json",
          array = @ArraySchema(schema = @Schema(type = "object",
              example = "{\"timestamp\":\"2026-11-26T08:05:00.000Z\",\"device_id\":\"device_1\","
                  + "\"device_type\":\"thermostat\",\"temperature\":21.4,\"humidity\":44.5,"
                  + "\"pressure\":1013.2}"))))
  @ApiResponse(responseCode = "400", description = "invalid device_id, time or interval")
  @ApiResponse(responseCode = "404", description = "unknown device")
  @ApiResponse(responseCode = "422", description = "reversed range, too many points, unknown fn")
  @ApiResponse(responseCode = "503", description = "InfluxDB or PostgreSQL unavailable")
  public HttpResponse<byte[]> sensorData(@PathVariable("device_id") String deviceId,
      @Parameter(description = "ISO-8601 with offset, e.g. 2026-11-26T00:00:00Z (default: end - 24 h)")
      @Nullable @QueryValue("start_time") String startTime,
      @Parameter(description = "ISO-8601 with offset (default: now)")
      @Nullable @QueryValue("end_time") String endTime,
      @Parameter(description = "downsampling interval: 30s, 5m, 1h, 1d")
      @Nullable @QueryValue("interval") String interval,
      @Parameter(description = "mean (default), min, max, sum, count, last")
      @Nullable @QueryValue("fn") String fn) {
    String id = Params.deviceId(deviceId);
    Params.Range range = Params.range(startTime, endTime, Duration.ofHours(24), clock);
    Aggregation agg = Aggregation.parse(interval, fn);
    return HttpResponse.ok(service.query(id, range, agg)).contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
