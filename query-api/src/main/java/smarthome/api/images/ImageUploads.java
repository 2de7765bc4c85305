package smarthome.api.images;

import io.micronaut.http.multipart.StreamingFileUpload;
import java.util.UUID;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;

/** What a client's multipart upload carries: its bytes (at most 10 MiB) and a safe file name. */
final class ImageUploads {
  private ImageUploads() {}

  static final String TOO_LARGE = "the image is larger than 10 MiB";

  /**
   * Reads the upload, refusing more than 10 MiB even if the framework's limit were raised. The
   * part's chunks are joined once into the array Kafka sends, so what a request holds while Kafka
   * confirms is that one array.
   */
  static byte[] read(StreamingFileUpload file) {
    UploadBody body = new UploadBody(Images.MAX_BYTES);
    file.subscribe(body);
    return body.await();
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
