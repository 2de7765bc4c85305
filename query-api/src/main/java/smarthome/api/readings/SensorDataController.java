package smarthome.api.readings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
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
import smarthome.api.ApiConfig;
import smarthome.api.http.Csv;
import smarthome.api.http.Paging;
import smarthome.api.http.Params;
import smarthome.api.http.TimeParam;
import smarthome.common.json.Timestamps;

/** GET /devices/{device_id}/sensor-data. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "sensor data")
@SecurityRequirement(name = "bearerAuth")
public class SensorDataController {
  private final SensorDataService service;
  private final ApiConfig config;
  private final Clock clock = Clock.systemUTC();

  public SensorDataController(SensorDataService service, ApiConfig config) {
    this.service = service;
    this.config = config;
  }

  @Get(uri = "/devices/{device_id}/sensor-data", produces = {MediaType.APPLICATION_JSON, Csv.TYPE})
  @Operation(summary = "A device's sensor readings",
      description = "Raw readings oldest first, by default over the last 24 h, a page at a time: "
          + "when there are more, a Link header with rel=\"next\" points at the next page (the same "
          + "range, pinned to absolute times, and a cursor). Rows are {timestamp, device_id, "
          + "device_type, <fields of the type>}. With interval (and fn) the series is downsampled: one "
          + "row per interval, in one answer of at most API_MAX_RAW_POINTS intervals (422 beyond: "
          + "narrow the range or widen the interval); limit and cursor apply to raw rows only. mean, "
          + "min, max and sum apply to numeric fields; count and last to all. With format=csv or "
          + "Accept: text/csv the same rows and pages come as CSV (a header row timestamp, device_id, "
          + "device_type, then the type's fields); errors stay JSON. " + TimeParam.DOC)
  @ApiResponse(responseCode = "200", description = "the rows, oldest first",
      content = {@Content(mediaType = "application/json",
          array = @ArraySchema(schema = @Schema(type = "object",
              example = "{\"timestamp\":\"2026-11-26T08:05:00.000Z\",\"device_id\":\"device_1\","
                  + "\"device_type\":\"thermostat\",\"temperature\":21.4,\"humidity\":44.5,"
                  + "\"pressure\":1013.2}"))),
          @Content(mediaType = Csv.TYPE, schema = @Schema(type = "string",
              example = "timestamp,device_id,device_type,temperature,humidity,pressure\r\n"
                  + "2026-11-26T08:05:00.000Z,device_1,thermostat,21.4,44.5,1013.2\r\n"))})
  @ApiResponse(responseCode = "400", description = "invalid device_id, time, interval, limit or cursor")
  @ApiResponse(responseCode = "404", description = "unknown device")
  @ApiResponse(responseCode = "422", description = "reversed range, too many intervals, limit out of range, unknown fn")
  @ApiResponse(responseCode = "503", description = "InfluxDB or PostgreSQL unavailable")
  public HttpResponse<byte[]> sensorData(@PathVariable("device_id") String deviceId,
      @Parameter(description = "a time (see the accepted forms); default: end - 24 h")
      @Nullable @QueryValue("start_time") String startTime,
      @Parameter(description = "a time (see the accepted forms), exclusive; default: now")
      @Nullable @QueryValue("end_time") String endTime,
      @Parameter(description = "downsampling interval: 30s, 5m, 1h, 1d")
      @Nullable @QueryValue("interval") String interval,
      @Parameter(description = "mean (default), min, max, sum, count, last")
      @Nullable @QueryValue("fn") String fn,
      @Parameter(description = "raw rows per page (default API_RAW_PAGE_SIZE, at most API_MAX_RAW_POINTS)")
      @Nullable @QueryValue("limit") String limit,
      @Parameter(description = "cursor from the previous page's Link header")
      @Nullable @QueryValue("cursor") String cursor,
      @Parameter(description = "csv or json (default: json, or csv when Accept names text/csv)")
      @Nullable @QueryValue("format") String format, HttpRequest<?> request) {
    boolean csv = Csv.wanted(format, request);
    String id = Params.deviceId(deviceId);
    Params.Range range = Params.range(startTime, endTime, Duration.ofHours(24), clock);
    Aggregation agg = Aggregation.parse(interval, fn);
    int n = Params.limit(limit, config.rawPageSize, config.maxRawPoints);
    ReadingCursor after = cursor == null ? null : ReadingCursor.parse(cursor);
    SensorDataService.Rows rows = service.query(new SensorDataService.Query(id, range, agg, n, after));
    MutableHttpResponse<byte[]> response = csv
        ? HttpResponse.ok(ReadingsCsv.write(id, rows)).contentType(Csv.MEDIA_TYPE)
        : HttpResponse.ok(ReadingsJson.write(id, rows)).contentType(MediaType.APPLICATION_JSON_TYPE);
    return Paging.withNext(response, rows.next() == null ? null
        : Paging.Link.to("/devices/" + id + "/sensor-data").param("limit", n)
            .param("cursor", rows.next().encode())
            .param("start_time", Timestamps.format(range.start()))
            .param("end_time", Timestamps.format(range.end())).param("format", format));
  }
}
