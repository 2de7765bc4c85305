package smarthome.api.images;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import smarthome.api.errors.ApiException;
import smarthome.api.http.KnownDevices;
import smarthome.api.http.PresignedUrls;
import smarthome.api.infra.StoreCalls;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.Publisher;
import smarthome.api.http.KeysetCursor;

/** Camera images: an upload is published to Kafka (the worker stores it); reads come from the index and S3. */
@Singleton
public class ImageService {
  private final Publisher publisher;
  private final ImageRepository index;
  private final ImageObjects objects;
  private final PresignedUrls urls;
  private final KnownDevices known;
  private final Clock clock = Clock.systemUTC();

  public ImageService(Publisher publisher, ImageRepository index, ImageObjects objects,
      PresignedUrls urls, KnownDevices known) {
    this.publisher = publisher;
    this.index = index;
    this.objects = objects;
    this.urls = urls;
    this.known = known;
  }

  /** One image's bytes ready to stream, with what the response says about them. */
  public record ImageFile(StreamedFile file, MediaType type, String filename) {}

  /** Sniffs, publishes and waits for Kafka's acknowledgement; 415 for what is not an image. */
  public ImageAccepted accept(String id, byte[] bytes, String clientFilename) {
    if (bytes.length == 0) {
      throw ApiException.badRequest("the 'file' part is empty");
    }
    ImageType type = ImageType.sniff(bytes).orElseThrow(() -> new ApiException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE, "the file is not a JPEG, PNG, WebP or GIF image"));
    UUID imageId = UUID.randomUUID();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String filename = ImageUploads.filename(clientFilename, imageId, type);
    ImageMeta meta = new ImageMeta(imageId, id, type, now, Images.sha256Hex(bytes), filename);
    StoreCalls.published(publisher.image(meta, bytes));
    return new ImageAccepted(imageId.toString(), id, type.mediaType(), bytes.length,
        meta.sha256(), filename, Timestamps.format(now), meta.s3Key(), "accepted");
  }

  /**
   * Up to limit + 1 images newest first (the page, and one more when there is a next page), each
   * with a presigned URL; a first page with none is a 404 for an id no store has heard of.
   */
  public List<ImageView> pageAndOneMore(String id, KeysetCursor after, int limit) {
    String expires = urls.expiresAt();
    List<ImageView> rows = index.newest(id, after, limit + 1).stream().map(r -> new ImageView(r.imageId(),
        r.deviceId(), r.contentType(), r.sizeBytes(), r.sha256(), r.filename(), r.capturedAt(),
        "/devices/" + id + "/images/" + r.imageId(), urls.url(r.s3Key()), expires)).toList();
    if (rows.isEmpty() && after == null) {
      known.require(id);
    }
    return rows;
  }

  /**
   * The bytes of one image. Everything the response needs is worked out before S3 is asked, so
   * nothing can fail between opening the object and handing its stream over.
   */
  public ImageFile open(String id, UUID image) {
    ImageRepository.Row row = index.find(id, image).orElseThrow(() ->
        ApiException.notFound("image " + image + " of device " + Text.quote(id) + " not found"));
    MediaType type = MediaType.of(row.contentType());
    String filename = row.filename().replaceAll("[^A-Za-z0-9._-]", "_");
    StreamedFile file = objects.open(row.s3Key(), type).orElseThrow(() ->
        ApiException.notFound("the bytes of image " + image + " are missing from S3"));
    return new ImageFile(file, type, filename);
  }
}
