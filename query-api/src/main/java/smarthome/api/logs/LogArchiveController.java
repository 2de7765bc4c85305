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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import smarthome.api.ApiConfig;
import smarthome.api.Params;
import smarthome.api.devices.DeviceRepository;
import smarthome.api.errors.ApiException;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.common.images.S3Keys;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** GET /devices/{device_id}/log-archives: the days of logs moved out of PostgreSQL. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "logs")
@SecurityRequirement(name = "bearerAuth")
public class LogArchiveController {
  private static final Pattern DAY = Pattern.compile(".*/(\\d{4})/(\\d{2})/(\\d{2})\\.jsonl\\.gz");

  private final S3Client s3;
  private final S3Presigner presigner;
  private final DeviceRepository devices;
  private final ApiConfig config;
  private final Clock clock = Clock.systemUTC();

  public LogArchiveController(S3Client s3, S3Presigner presigner, DeviceRepository devices, ApiConfig config) {
    this.s3 = s3;
    this.presigner = presigner;
    this.devices = devices;
    this.config = config;
  }

  @Get("/devices/{device_id}/log-archives")
  @Operation(summary = "A device's archived log days",
      description = "Logs older than LOG_RETENTION_DAYS are moved by the archiver (ingest-worker "
          + "archive-logs) to S3, one gzip NDJSON file per UTC day with the same JSON as the log "
          + "events. Oldest first, each with its size and an expiring presigned URL.")
  @ApiResponse(responseCode = "200", description = "the archived days")
  @ApiResponse(responseCode = "404", description = "unknown device")
  public List<ArchiveView> archives(@PathVariable("device_id") String deviceId) {
    String id = Params.deviceId(deviceId);
    Instant expires = clock.instant().plus(config.presignFor);
    List<ArchiveView> out = new ArrayList<>();
    try {
      String token = null;
      do {
        String t = token;
        ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(config.s3.bucket())
            .prefix(S3Keys.logPrefix(id)).continuationToken(t));
        for (S3Object o : page.contents()) {
          Matcher m = DAY.matcher(o.key());
          if (m.matches()) {
            String url = presigner.presignGetObject(p -> p.signatureDuration(config.presignFor)
                .getObjectRequest(g -> g.bucket(config.s3.bucket()).key(o.key()))).url().toString();
            out.add(new ArchiveView(m.group(1) + "-" + m.group(2) + "-" + m.group(3), o.key(), o.size(),
                url, Timestamps.format(expires)));
          }
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
    } catch (SdkException e) {
      throw new StoreUnavailableException("s3", e);
    }
    if (out.isEmpty()) {
      DeviceRepository.Lookup l = devices.lookup(id);
      if (!l.known() && l.deletedAt().isEmpty()) {
        throw ApiException.notFound("device " + Text.quote(id) + " not found");
      }
    }
    return out;
  }
}
