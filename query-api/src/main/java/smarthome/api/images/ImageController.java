package smarthome.api.images;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import smarthome.api.ApiConfig;
import smarthome.api.http.Paging;
import smarthome.api.http.Params;
import smarthome.api.http.KeysetCursor;

/** Camera images: upload (published to Kafka), list with presigned URLs, fetch the bytes. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "images")
@SecurityRequirement(name = "bearerAuth")
public class ImageController {
  /** The kind of this list\'s cursors (PageCursor). */
  private static final String KIND = "img";
  private final ImageService service;
  private final ApiConfig config;

  public ImageController(ImageService service, ApiConfig config) {
    this.service = service;
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
  @ApiResponse(responseCode = "429", description = "too many uploads in progress (Retry-After)")
  @ApiResponse(responseCode = "503", description = "Kafka unavailable")
  public MutableHttpResponse<ImageAccepted> upload(@PathVariable("device_id") String deviceId,
      StreamingFileUpload file) {
    String id = Params.deviceId(deviceId);
    // the upload slot was taken by WorkSlotFilter before the body was read
    ImageAccepted body = service.accept(id, ImageUploads.read(file), file.getFilename());
    return HttpResponse.accepted(URI.create("/devices/" + id + "/images/" + body.imageId())).body(body);
  }

  @Get("/devices/{device_id}/images")
  @Operation(summary = "A device's images, newest first, with presigned URLs",
      description = "A page at a time: when there are more, a Link header with rel=\"next\" points "
          + "at the next page.")
  @ApiResponse(responseCode = "200", description = "image metadata; url expires at url_expires_at")
  @ApiResponse(responseCode = "400", description = "invalid device_id, limit or cursor")
  @ApiResponse(responseCode = "404", description = "unknown device")
  @ApiResponse(responseCode = "422", description = "limit out of range")
  public MutableHttpResponse<List<ImageView>> list(@PathVariable("device_id") String deviceId,
      @Parameter(description = "page size (default API_PAGE_SIZE 100, at most API_MAX_PAGE_SIZE 1000)")
      @Nullable @QueryValue("limit") String limit,
      @Parameter(description = "cursor from the previous page's Link header")
      @Nullable @QueryValue("cursor") String cursor) {
    String id = Params.deviceId(deviceId);
    int n = Params.limit(limit, config.pageSize, config.maxPageSize);
    KeysetCursor after = KeysetCursor.parse(KIND, cursor);
    return Paging.page(service.pageAndOneMore(id, after, n), n, last -> Paging.Link
        .to("/devices/" + id + "/images").param("limit", n).param("cursor", KeysetCursor.after(last.capturedAt(), last.imageId()).encode(KIND)));
  }

  @Get("/devices/{device_id}/images/{image_id}")
  @Operation(summary = "The bytes of one image, with its stored Content-Type")
  @ApiResponse(responseCode = "200", description = "the image")
  @ApiResponse(responseCode = "400", description = "invalid device_id or image_id")
  @ApiResponse(responseCode = "404", description = "unknown image")
  @ApiResponse(responseCode = "429", description = "too many image downloads in progress (Retry-After)")
  public HttpResponse<StreamedFile> bytes(HttpRequest<?> request,
      @PathVariable("device_id") String deviceId, @PathVariable("image_id") String imageId) throws IOException {
    String id = Params.deviceId(deviceId);
    UUID image = Params.uuid("image_id", imageId);
    ImageService.ImageFile f = service.open(id, image);
    MutableHttpResponse<StreamedFile> r;
    if (request.getMethod() == HttpMethod.HEAD) {
      // the server sends no body for a HEAD and so would never close the S3 stream (nor give
      // back its download slot): close it here and answer the headers alone
      f.file().getInputStream().close();
      r = HttpResponse.ok();
      if (f.file().getLength() >= 0) {
        r.contentLength(f.file().getLength());
      }
    } else {
      r = HttpResponse.ok(f.file());
    }
    return r.header("X-Content-Type-Options", "nosniff")
        .header("Content-Disposition", "inline; filename=\"" + f.filename() + "\"")
        .contentType(f.type());
  }

}
