package smarthome.api.images;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.StreamingFileUpload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.UUID;
import smarthome.api.errors.ApiException;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;

/** What a client's multipart upload carries: its bytes (at most 10 MiB) and a safe file name. */
final class ImageUploads {
  private ImageUploads() {}

  static final int CHUNK = 64 * 1024;
  static final String TOO_LARGE = "the image is larger than 10 MiB";

  /**
   * Reads the upload, refusing more than 10 MiB even if the framework's limit were raised. The
   * bytes arrive in 64 KiB chunks (no buffer that doubles as it grows) and are joined once into the
   * array Kafka sends, so what a request holds while Kafka confirms is that one array.
   */
  static byte[] read(StreamingFileUpload file) {
    try (InputStream in = file.asInputStream()) {
      return read(in, Images.MAX_BYTES);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException a) {
        throw a;
      }
      // the framework's own part limit (micronaut.server.multipart.max-file-size) is a 413 too
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof ContentLengthExceededException) {
          throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, TOO_LARGE);
        }
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw ApiException.badRequest("the upload could not be read: " + e.getMessage());
    }
  }

  /** At most {@code max} bytes of the stream, else 413. */
  static byte[] read(InputStream in, int max) throws IOException {
    List<byte[]> chunks = new ArrayList<>();
    int total = 0;
    while (true) {
      byte[] chunk = in.readNBytes(CHUNK);
      if (chunk.length == 0) {
        break;
      }
      total += chunk.length;
      if (total > max) {
        chunks.clear();
        // read and drop the rest (the server bounds it by max-request-size), so a client that
        // sends the whole body before it reads an answer still hears this 413
        in.transferTo(OutputStream.nullOutputStream());
        throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE,
            "the image is larger than " + (max / (1024 * 1024)) + " MiB");
      }
      chunks.add(chunk);
    }
    byte[] all = new byte[total];
    int at = 0;
    for (ListIterator<byte[]> it = chunks.listIterator(); it.hasNext(); ) {
      byte[] c = it.next();
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
      it.set(null); // each chunk can go as soon as it is copied
    }
    return all;
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
