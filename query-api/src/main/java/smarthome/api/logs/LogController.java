package smarthome.api.logs;

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
import java.time.Instant;
import java.util.Locale;
import smarthome.api.ApiConfig;
import smarthome.api.errors.ApiException;
import smarthome.api.http.Csv;
import smarthome.api.http.KeysetCursor;
import smarthome.api.http.Paging;
import smarthome.api.http.Params;
import smarthome.api.http.TimeParam;
import smarthome.common.json.Text;
import smarthome.common.logs.LogLevel;

/** GET /devices/{device_id}/logs: newest first, a page at a time. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "logs")
@SecurityRequirement(name = "bearerAuth")
public class LogController {
  /** The kind of this list\'s cursors (PageCursor). */
  private static final String KIND = "log";
  private final LogService service;
  private final ApiConfig config;

  public LogController(LogService service, ApiConfig config) {
    this.service = service;
    this.config = config;
  }

  @Get(uri = "/devices/{device_id}/logs", produces = {MediaType.APPLICATION_JSON, Csv.TYPE})
  @Operation(summary = "A device's logs, newest first",
      description = "Logs of the retention period (LOG_RETENTION_DAYS, 30 by default) are served "
          + "from PostgreSQL; older ones are archived to S3 as one gzip NDJSON file per device and "
          + "UTC day, listed by GET /devices/{device_id}/log-archives. A Link header with "
          + "rel=\"next\" points at the next page. With format=csv or Accept: text/csv the same "
          + "rows and pages come as CSV (header log_id, device_id, timestamp, level, event_type, "
          + "message); errors stay JSON. " + TimeParam.DOC)
  @ApiResponse(responseCode = "200", description = "a page of log lines",
      content = {@Content(mediaType = MediaType.APPLICATION_JSON,
          array = @ArraySchema(schema = @Schema(implementation = LogView.class))),
          @Content(mediaType = Csv.TYPE, schema = @Schema(type = "string"))})
  @ApiResponse(responseCode = "400", description = "invalid device_id, time or cursor")
  @ApiResponse(responseCode = "404", description = "unknown device")
  @ApiResponse(responseCode = "422", description = "reversed range, unknown level, limit out of range")
  public MutableHttpResponse<?> logs(@PathVariable("device_id") String deviceId,
      @Parameter(description = "a time (see the accepted forms); only logs at or after it")
      @Nullable @QueryValue("start_time") String startTime,
      @Parameter(description = "a time (see the accepted forms); only logs before it")
      @Nullable @QueryValue("end_time") String endTime,
      @Parameter(description = "DEBUG, INFO, WARN or ERROR")
      @Nullable @QueryValue("level") String level,
      @Parameter(description = "page size (default 100, at most 1000)")
      @Nullable @QueryValue("limit") String limit,
      @Parameter(description = "cursor from the previous page's Link header")
      @Nullable @QueryValue("cursor") String cursor,
      @Parameter(description = "csv or json (default: json, or csv when Accept names text/csv)")
      @Nullable @QueryValue("format") String format, HttpRequest<?> request) {
    String id = Params.deviceId(deviceId);
    boolean csv = Csv.wanted(format, request);
    Instant start = Params.time("start_time", startTime);
    Instant end = Params.time("end_time", endTime);
    if (start != null && end != null && !start.isBefore(end)) {
      throw ApiException.unprocessable("start_time must be before end_time");
    }
    String lvl = level == null ? null : level(level);
    int n = Params.limit(limit, config.pageSize, config.maxPageSize);
    KeysetCursor after = KeysetCursor.parse(KIND, cursor);
    Paging.Page<LogView> page = Paging.cut(
        service.pageAndOneMore(new LogService.Query(id, start, end, lvl, after, n)), n);
    MutableHttpResponse<?> response = csv
        ? HttpResponse.ok(LogsCsv.write(page.rows())).contentType(Csv.MEDIA_TYPE)
        : HttpResponse.ok(page.rows());
    return Paging.withNext(response, !page.more() ? null : Paging.Link.to("/devices/" + id + "/logs")
        .param("limit", n).param("cursor", KeysetCursor.after(page.last().timestamp(), page.last().logId())
            .encode(KIND))
        .param("start_time", startTime).param("end_time", endTime).param("level", lvl).param("format", format));
  }

  private static String level(String raw) {
    return LogLevel.fromWire(raw.toUpperCase(Locale.ROOT)).map(Enum::name).orElseThrow(() ->
        ApiException.unprocessable("level " + Text.quote(raw) + " is not one of DEBUG, INFO, WARN, ERROR"));
  }
}
