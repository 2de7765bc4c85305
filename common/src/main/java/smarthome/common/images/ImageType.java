package smarthome.common.images;

import java.util.Optional;

/** The image formats we accept, recognised by their magic bytes, never by a name or a header. */
public enum ImageType {
  JPEG("image/jpeg", "jpg"),
  PNG("image/png", "png"),
  WEBP("image/webp", "webp"),
  GIF("image/gif", "gif");

  private final String mediaType;
  private final String extension;

  ImageType(String mediaType, String extension) {
    this.mediaType = mediaType;
    this.extension = extension;
  }

  public String mediaType() {
    return mediaType;
  }

  public String extension() {
    return extension;
  }

  public static Optional<ImageType> fromMediaType(String mediaType) {
    for (ImageType t : values()) {
      if (t.mediaType.equals(mediaType)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  public static Optional<ImageType> fromExtension(String ext) {
    for (ImageType t : values()) {
      if (t.extension.equals(ext)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type the leading bytes announce, if any of ours. */
  public static Optional<ImageType> sniff(byte[] b) {
    if (b == null) {
      return Optional.empty();
    }
    if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
      return Optional.of(JPEG);
    }
    if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
        && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return Optional.of(PNG);
    }
    if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8'
        && (b[4] == '7' || b[4] == '9') && b[5] == 'a') {
      return Optional.of(GIF);
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return Optional.of(WEBP);
    }
    return Optional.empty();
  }
}
