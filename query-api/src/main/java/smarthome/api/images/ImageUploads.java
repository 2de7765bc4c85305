package smarthome.api.images;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.multipart.StreamingFileUpload;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import smarthome.api.errors.ApiException;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;

/** What a client's multipart upload carries: its bytes (at most 10 MiB) and a safe file name. */
final class ImageUploads {
  private ImageUploads() {}

  /** Reads the upload, refusing more than 10 MiB even if the framework's limit were raised. */
  static byte[] read(StreamingFileUpload file) {
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
