package smarthome.api.logs;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import smarthome.api.ApiConfig;
import smarthome.api.Params;
import smarthome.api.Sql;
import smarthome.api.devices.DeviceRepository;
import smarthome.api.errors.ApiException;
import smarthome.common.json.Text;
import smarthome.common.logs.LogLevel;

/** GET /devices/{device_id}/logs: newest first, a page at a time. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "logs")
@SecurityRequirement(name = "bearerAuth")
public class LogController {
  private final Sql sql;
  private final DeviceRepository devices;
  private final ApiConfig config;

  public LogController(HikariDataSource ds, DeviceRepository devices, ApiConfig config) {
    this.sql = new Sql(ds);
    this.devices = devices;
    this.config = config;
  }

  @Get("/devices/{device_id}/logs")
  @Operation(summary = "A device's logs, newest first",
      description = "Logs of the retention period (LOG_RETENTION_DAYS, 30 by default) are served "
          + "from PostgreSQL; older ones are archived to S3 as one gzip NDJSON file per device and "
          + "UTC day, listed by GET /devices/{device_id}/log-archives. A Link header with "
          + "rel=\"next\" points at the next page.")
  @ApiResponse(responseCode = "200", description = "a page of log lines")
  @ApiResponse(responseCode = "400", description = "invalid device_id, time or cursor")
  @ApiResponse(responseCode = "404", description = "unknown device")
  @ApiResponse(responseCode = "422", description = "reversed range, unknown level, limit out of range")
  public MutableHttpResponse<List<LogView>> logs(@PathVariable("device_id") String deviceId,
      @Parameter(description = "ISO-8601 with offset; only logs at or after it")
      @Nullable @QueryValue("start_time") String startTime,
      @Parameter(description = "ISO-8601 with offset; only logs before it")
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
    String lvl = null;
    if (level != null) {
      lvl = LogLevel.fromWire(level.toUpperCase(Locale.ROOT)).map(Enum::name).orElseThrow(() ->
          ApiException.unprocessable("level " + Text.quote(level) + " is not one of DEBUG, INFO, WARN, ERROR"));
    }
    int n = Params.limit(limit, config.pageSize, config.maxPageSize);
    Cursor after = cursor == null ? null : Cursor.parse(cursor);

    StringBuilder q = new StringBuilder("select log_id, device_id, timestamp, level, event_type, message "
        + "from system_logs where device_id = ?");
    List<Object> args = new ArrayList<>(List.of(id));
    if (start != null) {
      q.append(" and timestamp >= ?");
      args.add(start);
    }
    if (end != null) {
      q.append(" and timestamp < ?");
      args.add(end);
    }
    if (lvl != null) {
      q.append(" and level = ?");
      args.add(lvl);
    }
    if (after != null) {
      q.append(" and (timestamp, log_id) < (?, ?)");
      args.add(after.time());
      args.add(after.id());
    }
    q.append(" order by timestamp desc, log_id desc limit ?");
    args.add(n + 1);
    List<LogView> rows = sql.list(q.toString(), rs -> new LogView(rs.getString(1), rs.getString(2),
        Sql.time(rs, "timestamp"), rs.getString(4), rs.getString(5), rs.getString(6)), args.toArray());
    if (rows.isEmpty() && after == null) {
      DeviceRepository.Lookup l = devices.lookup(id);
      if (!l.known() && l.deletedAt().isEmpty()
          && sql.count("select count(*) from (select 1 from system_logs where device_id = ? limit 1) x", id) == 0) {
        throw ApiException.notFound("device " + Text.quote(id) + " not found");
      }
    }
    MutableHttpResponse<List<LogView>> r;
    if (rows.size() > n) {
      rows = rows.subList(0, n);
      LogView last = rows.get(n - 1);
      StringBuilder next = new StringBuilder("/devices/").append(id).append("/logs?limit=").append(n)
          .append("&cursor=").append(new Cursor(smarthome.common.json.Timestamps.parse(last.timestamp()),
              UUID.fromString(last.logId())).encode());
      if (startTime != null) {
        next.append("&start_time=").append(enc(startTime));
      }
      if (endTime != null) {
        next.append("&end_time=").append(enc(endTime));
      }
      if (lvl != null) {
        next.append("&level=").append(lvl);
      }
      r = HttpResponse.ok(rows);
      r.header("Link", "<" + next + ">; rel=\"next\"");
    } else {
      r = HttpResponse.ok(rows);
    }
    return r;
  }

  /** Keyset cursor (timestamp, log_id), opaque to clients. */
  record Cursor(Instant time, UUID id) {
    String encode() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(
          (time.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor parse(String s) {
      try {
        String[] p = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8).split(":", 2);
        return new Cursor(Instant.ofEpochMilli(Long.parseLong(p[0])), UUID.fromString(p[1]));
      } catch (RuntimeException e) {
        throw ApiException.badRequest("cursor " + Text.quote(s) + " is not a cursor this API issued");
      }
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
