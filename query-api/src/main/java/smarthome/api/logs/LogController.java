package smarthome.api.logs;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import smarthome.api.ApiConfig;
import smarthome.api.errors.ApiException;
import smarthome.api.http.Paging;
import smarthome.api.http.Params;
import smarthome.api.http.TimeParam;
import smarthome.common.json.Text;
import smarthome.common.logs.LogLevel;
import smarthome.api.http.KeysetCursor;

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

  @Get("/devices/{device_id}/logs")
  @Operation(summary = "A device's logs, newest first",
      description = "Logs of the retention period (LOG_RETENTION_DAYS, 30 by default) are served "
          + "from PostgreSQL; older ones are archived to S3 as one gzip NDJSON file per device and "
          + "UTC day, listed by GET /devices/{device_id}/log-archives. A Link header with "
          + "rel=\"next\" points at the next page. " + TimeParam.DOC)
  @ApiResponse(responseCode = "200", description = "a page of log lines")
  @ApiResponse(responseCode = "400", description = "invalid device_id, time or cursor")
  @ApiResponse(responseCode = "404", description = "unknown device")
  @ApiResponse(responseCode = "422", description = "reversed range, unknown level, limit out of range")
  public MutableHttpResponse<List<LogView>> logs(@PathVariable("device_id") String deviceId,
      @Parameter(description = "a time (see the accepted forms); only logs at or after it")
      @Nullable @QueryValue("start_time") String startTime,
      @Parameter(description = "a time (see the accepted forms); only logs before it")
      @Nullable @QueryValue("end_time") String endTime,
      @Parameter(description = "DEBUG, INFO, WARN or ERROR")
      @Nullable @QueryValue("level") String level,
      @Parameter(description = "page size (default 100, at most 1000)")
      @Nullable @QueryValue("limit") String limit,
      @Parameter(description = "cursor from the previous page's Link header")
      @Nullable @QueryValue("cursor") String cursor) {
    String id = Params.deviceId(deviceId);
    Instant start = Params.time("start_time", startTime);
    Instant end = Params.time("end_time", endTime);
    if (start != null && end != null && !start.isBefore(end)) {
      throw ApiException.unprocessable("start_time must be before end_time");
    }
    String lvl = level == null ? null : level(level);
    int n = Params.limit(limit, config.pageSize, config.maxPageSize);
    KeysetCursor after = KeysetCursor.parse(KIND, cursor);
    List<LogView> rows = service.pageAndOneMore(new LogService.Query(id, start, end, lvl, after, n));
    return Paging.page(rows, n, last -> Paging.Link.to("/devices/" + id + "/logs").param("limit", n)
        .param("cursor", KeysetCursor.after(last.timestamp(), last.logId()).encode(KIND))
        .param("start_time", startTime).param("end_time", endTime).param("level", lvl));
  }

  private static String level(String raw) {
    return LogLevel.fromWire(raw.toUpperCase(Locale.ROOT)).map(Enum::name).orElseThrow(() ->
        ApiException.unprocessable("level " + Text.quote(raw) + " is not one of DEBUG, INFO, WARN, ERROR"));
  }
}
