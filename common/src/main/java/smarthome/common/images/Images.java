package smarthome.common.images;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import smarthome.common.devices.DeviceIds;
import smarthome.common.json.Fields;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.Text;
import smarthome.common.json.Timestamps;

/**
 * Image events: bytes as the record value, {@link ImageMeta} in headers image_id, device_id,
 * content_type, captured_at, sha256, filename. Validation sniffs the type from the bytes and checks
 * the digest, so a renamed text file or a truncated upload never reaches the store.
 */
public final class Images {
  public static final int MAX_BYTES = 10 * 1024 * 1024;
  public static final int MAX_FILENAME = 255;
  public static final String H_IMAGE_ID = "image_id";
  public static final String H_DEVICE_ID = "device_id";
  public static final String H_CONTENT_TYPE = "content_type";
  public static final String H_CAPTURED_AT = "captured_at";
  public static final String H_SHA256 = "sha256";
  public static final String H_FILENAME = "filename";

  private Images() {}

  public static Headers toHeaders(ImageMeta m) {
    RecordHeaders h = new RecordHeaders();
    h.add(H_IMAGE_ID, utf8(m.imageId().toString()));
    h.add(H_DEVICE_ID, utf8(m.deviceId()));
    h.add(H_CONTENT_TYPE, utf8(m.contentType().mediaType()));
    h.add(H_CAPTURED_AT, utf8(Timestamps.format(m.capturedAt())));
    h.add(H_SHA256, utf8(m.sha256()));
    h.add(H_FILENAME, utf8(m.filename()));
    return h;
  }

  /** Decodes the headers and checks them against the bytes. */
  public static ImageMeta decode(Headers headers, byte[] bytes, Clock clock)
      throws InvalidEventException {
    UUID imageId = Fields.parseUuid(H_IMAGE_ID, header(headers, H_IMAGE_ID));
    String deviceId = DeviceIds.require(header(headers, H_DEVICE_ID));
    String declared = header(headers, H_CONTENT_TYPE);
    ImageType type = ImageType.fromMediaType(declared).orElseThrow(() -> new InvalidEventException(
        "content_type " + Text.quote(declared) + " is not image/jpeg, image/png, image/webp or image/gif"));
    Instant captured = Timestamps.parseEventTime(H_CAPTURED_AT, header(headers, H_CAPTURED_AT),
        clock.instant());
    String sha = header(headers, H_SHA256);
    if (!isSha256Hex(sha)) {
      throw new InvalidEventException("sha256 " + Text.quote(sha) + " is not 64 lower-case hex digits");
    }
    String filename = checkFilename(header(headers, H_FILENAME));
    checkBytes(bytes, type, sha);
    return new ImageMeta(imageId, deviceId, type, captured, sha, filename);
  }

  /** The bytes are non-empty, not too large, of the declared type and match the digest. */
  public static void checkBytes(byte[] bytes, ImageType declared, String sha256)
      throws InvalidEventException {
    if (bytes == null || bytes.length == 0) {
      throw new InvalidEventException("image has no bytes");
    }
    if (bytes.length > MAX_BYTES) {
      throw new InvalidEventException("image has " + bytes.length + " bytes, more than " + MAX_BYTES);
    }
    ImageType sniffed = ImageType.sniff(bytes).orElseThrow(() ->
        new InvalidEventException("bytes are not a JPEG, PNG, WebP or GIF image"));
    if (sniffed != declared) {
      throw new InvalidEventException("content_type " + declared.mediaType()
          + " does not match the bytes, which are " + sniffed.mediaType());
    }
    String actual = sha256Hex(bytes);
    if (!actual.equals(sha256)) {
      throw new InvalidEventException("sha256 mismatch: header " + sha256 + ", bytes " + actual);
    }
  }

  /** A plain file name: no path separators, no control characters, 1-255 characters. */
  public static String checkFilename(String name) throws InvalidEventException {
    Fields.checkText(H_FILENAME, name, 1, MAX_FILENAME, false);
    if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.equals(".") || name.equals("..")) {
      throw new InvalidEventException("filename " + Text.quote(name) + " must not contain a path");
    }
    return name;
  }

  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }

  public static boolean isSha256Hex(String s) {
    if (s == null || s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static String header(Headers headers, String key) throws InvalidEventException {
    Header h = headers == null ? null : headers.lastHeader(key);
    if (h == null || h.value() == null) {
      throw new InvalidEventException("missing header " + key);
    }
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
