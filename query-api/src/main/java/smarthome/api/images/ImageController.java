package smarthome.api.images;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.StreamingFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import smarthome.api.ApiConfig;
import smarthome.api.Params;
import smarthome.api.Sql;
import smarthome.api.devices.DeviceRepository;
import smarthome.api.errors.ApiException;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.Publisher;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Camera images: upload (published to Kafka), list with presigned URLs, fetch the bytes. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "images")
@SecurityRequirement(name = "bearerAuth")
public class ImageController {
  private final Publisher publisher;
  private final Sql sql;
  private final DeviceRepository devices;
  private final S3Client s3;
  private final S3Presigner presigner;
  private final ApiConfig config;
  private final Clock clock = Clock.systemUTC();

  public ImageController(Publisher publisher, HikariDataSource ds, DeviceRepository devices,
      S3Client s3, S3Presigner presigner, ApiConfig config) {
    this.publisher = publisher;
    this.sql = new Sql(ds);
    this.devices = devices;
    this.s3 = s3;
    this.presigner = presigner;
    this.config = config;
  }

  @Post(uri = "/devices/{device_id}/images", consumes = MediaType.MULTIPART_FORM_DATA)
  @Operation(summary = "Upload an image (write)",
      description = "Multipart form field 'file', at most 10 MiB. The type is sniffed from the bytes "
          + "(JPEG, PNG, WebP or GIF); anything else is refused with 415. The image is published to "
          + "Kafka and stored by the ingest worker: 202 with its id and a Location.")
  @ApiResponse(responseCode = "202", description = "accepted and published")
  @ApiResponse(responseCode = "400", description = "invalid device_id or no 'file' part")
  @ApiResponse(responseCode = "413", description = "larger than 10 MiB")
  @ApiResponse(responseCode = "415", description = "not a JPEG, PNG, WebP or GIF image, or not multipart")
  @ApiResponse(responseCode = "503", description = "Kafka unavailable")
  public MutableHttpResponse<ImageAccepted> upload(@PathVariable("device_id") String deviceId,
      StreamingFileUpload file) {
    String id = Params.deviceId(deviceId);
    byte[] bytes = read(file);
    if (bytes.length == 0) {
      throw ApiException.badRequest("the 'file' part is empty");
    }
    ImageType type = ImageType.sniff(bytes).orElseThrow(() -> new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the file is not a JPEG, PNG, WebP or GIF image"));
    UUID imageId = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String filename = filename(file.getFilename(), imageId, type);
    ImageMeta meta = new ImageMeta(imageId, id, type, now, Images.sha256Hex(bytes), filename);
    try {
      publisher.image(meta, bytes).get(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new StoreUnavailableException("kafka", e);
    }
    ImageAccepted body = new ImageAccepted(imageId.toString(), id, type.mediaType(), bytes.length,
        meta.sha256(), filename, Timestamps.format(now), meta.s3Key(), "accepted");
    return HttpResponse.accepted(URI.create("/devices/" + id + "/images/" + imageId)).body(body);
  }

  @Get("/devices/{device_id}/images")
  @Operation(summary = "A device's images, newest first, with presigned URLs")
  @ApiResponse(responseCode = "200", description = "image metadata; url expires at url_expires_at")
  @ApiResponse(responseCode = "404", description = "unknown device")
  public List<ImageView> list(@PathVariable("device_id") String deviceId,
      @Parameter(description = "page size (default 100, at most 1000)")
      @Nullable @QueryValue("limit") String limit) {
    String id = Params.deviceId(deviceId);
    int n = Params.limit(limit, config.pageSize, config.maxPageSize);
    Instant expires = clock.instant().plus(config.presignFor);
    List<ImageView> rows = sql.list("select image_id, device_id, s3_key, content_type, size_bytes, sha256, "
        + "filename, captured_at from device_images where device_id = ? order by captured_at desc, image_id limit ?",
        rs -> new ImageView(rs.getString("image_id"), rs.getString("device_id"),
            rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
            rs.getString("filename"), Sql.time(rs, "captured_at"),
            "/devices/" + id + "/images/" + rs.getString("image_id"),
            presign(rs.getString("s3_key")), Timestamps.format(expires)), id, n);
    if (rows.isEmpty()) {
      DeviceRepository.Lookup l = devices.lookup(id);
      if (!l.known() && l.deletedAt().isEmpty()) {
        throw ApiException.notFound("device " + Text.quote(id) + " not found");
      }
    }
    return rows;
  }

  @Get("/devices/{device_id}/images/{image_id}")
  @Operation(summary = "The bytes of one image, with its stored Content-Type")
  @ApiResponse(responseCode = "200", description = "the image")
  @ApiResponse(responseCode = "400", description = "invalid device_id or image_id")
  @ApiResponse(responseCode = "404", description = "unknown image")
  public HttpResponse<StreamedFile> bytes(@PathVariable("device_id") String deviceId,
      @PathVariable("image_id") String imageId) {
    String id = Params.deviceId(deviceId);
    UUID image = Params.uuid("image_id", imageId);
    record Found(String key, String type, String filename) {}
    List<Found> rows = sql.list("select s3_key, content_type, filename from device_images "
        + "where device_id = ? and image_id = ?", rs -> new Found(rs.getString(1), rs.getString(2),
        rs.getString(3)), id, image);
    if (rows.isEmpty()) {
      throw ApiException.notFound("image " + image + " of device " + Text.quote(id) + " not found");
    }
    Found f = rows.get(0);
    ResponseInputStream<GetObjectResponse> in;
    try {
      in = s3.getObject(r -> r.bucket(config.s3.bucket()).key(f.key()));
    } catch (NoSuchKeyException e) {
      throw ApiException.notFound("the bytes of image " + image + " are missing from S3");
    } catch (SdkException e) {
      throw new StoreUnavailableException("s3", e);
    }
    MediaType type = MediaType.of(f.type());
    return HttpResponse.ok(new StreamedFile(in, type, Instant.now().toEpochMilli(),
            in.response().contentLength()))
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Disposition", "inline; filename=\"" + f.filename().replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
        .contentType(type);
  }

  private String presign(String key) {
    try {
      return presigner.presignGetObject(p -> p.signatureDuration(config.presignFor)
          .getObjectRequest(g -> g.bucket(config.s3.bucket()).key(key))).url().toString();
    } catch (SdkException e) {
      throw new StoreUnavailableException("s3", e);
    }
  }

  /** Reads the upload, refusing more than 10 MiB even if the framework's limit were raised. */
  private static byte[] read(StreamingFileUpload file) {
    try (InputStream in = file.asInputStream()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > Images.MAX_BYTES) {
          throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
              "the image is larger than 10 MiB");
        }
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw ApiException.badRequest("the upload could not be read: " + e.getMessage());
    }
  }

  /** The client's file name without any path, control characters or excess length. */
  static String filename(String raw, UUID id, ImageType type) {
    String name = raw == null ? "" : raw;
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    name = name.substring(slash + 1).replaceAll("[\\p{Cntrl}\"]", "_").strip();
    if (name.length() > Images.MAX_FILENAME) {
      name = name.substring(name.length() - Images.MAX_FILENAME);
    }
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      name = id + "." + type.extension();
    }
    return name;
  }
}
