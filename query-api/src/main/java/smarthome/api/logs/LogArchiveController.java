package smarthome.api.logs;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import smarthome.api.http.Params;

/** GET /devices/{device_id}/log-archives: the days of logs moved out of PostgreSQL. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "logs")
@SecurityRequirement(name = "bearerAuth")
public class LogArchiveController {
  private final LogArchiveService service;

  public LogArchiveController(LogArchiveService service) {
    this.service = service;
  }

  @Get("/devices/{device_id}/log-archives")
  @Operation(summary = "A device's archived log days",
      description = "Logs older than LOG_RETENTION_DAYS are moved by the archiver (ingest-worker "
          + "archive-logs) to S3, one gzip NDJSON file per UTC day with the same JSON as the log "
          + "events. Oldest first, each with its size and an expiring presigned URL.")
  @ApiResponse(responseCode = "200", description = "the archived days")
  @ApiResponse(responseCode = "404", description = "unknown device")
  public List<ArchiveView> archives(@PathVariable("device_id") String deviceId) {
    return service.archives(Params.deviceId(deviceId));
  }
}
