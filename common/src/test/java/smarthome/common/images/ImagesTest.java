package smarthome.common.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import smarthome.common.json.InvalidEventException;

class ImagesTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16};
  static final byte[] GIF = "GIF89a....".getBytes(StandardCharsets.US_ASCII);
  static final byte[] WEBP = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII);

  @Test
  void sniffsEachTypeFromItsMagicBytes() {
    assertEquals(Optional.of(ImageType.PNG), ImageType.sniff(PNG));
    assertEquals(Optional.of(ImageType.JPEG), ImageType.sniff(JPEG));
    assertEquals(Optional.of(ImageType.GIF), ImageType.sniff(GIF));
    assertEquals(Optional.of(ImageType.WEBP), ImageType.sniff(WEBP));
    assertEquals(Optional.empty(), ImageType.sniff("hello, world".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), ImageType.sniff("<svg xmlns=".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.empty(), ImageType.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}));
  }

  private ImageMeta meta(byte[] bytes, ImageType type) {
    return new ImageMeta(UUID.fromString("00000000-0000-4000-8000-000000000001"), "cam-1", type,
        Instant.parse("2026-06-01T11:00:00Z"), Images.sha256Hex(bytes), "snap.png");
  }

  @Test
  void headersRoundTripAndKeyUsesTheSniffedExtension() throws Exception {
    ImageMeta m = meta(PNG, ImageType.PNG);
    assertEquals(m, Images.decode(Images.toHeaders(m), PNG, CLOCK));
    assertEquals("images/cam-1/00000000-0000-4000-8000-000000000001.png", m.s3Key());
  }

  @Test
  void refusesBytesThatAreNotAnImage() {
    byte[] text = "just text".getBytes(StandardCharsets.UTF_8);
    ImageMeta m = new ImageMeta(UUID.randomUUID(), "cam-1", ImageType.JPEG, Instant.now(CLOCK),
        Images.sha256Hex(text), "x.jpg");
    var e = assertThrows(InvalidEventException.class,
        () -> Images.decode(Images.toHeaders(m), text, CLOCK));
    assertEquals("bytes are not a JPEG, PNG, WebP or GIF image", e.getMessage());
  }

  @Test
  void refusesADeclaredTypeThatTheBytesContradict() {
    Headers h = Images.toHeaders(meta(PNG, ImageType.JPEG));
    var e = assertThrows(InvalidEventException.class, () -> Images.decode(h, PNG, CLOCK));
    assertTrue(e.getMessage().contains("does not match the bytes, which are image/png"));
  }

  @Test
  void refusesADigestMismatch() {
    Headers h = Images.toHeaders(meta(JPEG, ImageType.PNG));
    h.remove(Images.H_CONTENT_TYPE);
    h.add(Images.H_CONTENT_TYPE, "image/png".getBytes(StandardCharsets.UTF_8));
    var e = assertThrows(InvalidEventException.class, () -> Images.decode(h, PNG, CLOCK));
    assertTrue(e.getMessage().startsWith("sha256 mismatch"), e.getMessage());
  }

  @Test
  void refusesMissingHeadersAndPathsInFilenames() {
    Headers h = Images.toHeaders(meta(PNG, ImageType.PNG));
    h.remove(Images.H_SHA256);
    assertEquals("missing header sha256",
        assertThrows(InvalidEventException.class, () -> Images.decode(h, PNG, CLOCK)).getMessage());
    assertThrows(InvalidEventException.class, () -> Images.checkFilename("../etc/passwd"));
    assertThrows(InvalidEventException.class, () -> Images.checkFilename("a\\b.png"));
    assertThrows(InvalidEventException.class, () -> Images.checkFilename("a\nb.png"));
  }

  @Test
  void refusesMoreThanTenMebibytes() {
    byte[] big = new byte[Images.MAX_BYTES + 1];
    System.arraycopy(PNG, 0, big, 0, PNG.length);
    var e = assertThrows(InvalidEventException.class,
        () -> Images.checkBytes(big, ImageType.PNG, Images.sha256Hex(big)));
    assertTrue(e.getMessage().contains("more than 10485760"), e.getMessage());
  }

  @Test
  void logArchiveKeysAreOnePerDevicePerUtcDay() {
    assertEquals("logs/plug-2/2026/03/09.jsonl.gz", S3Keys.logArchive("plug-2", LocalDate.of(2026, 3, 9)));
    assertEquals("images/plug-2/", S3Keys.imagePrefix("plug-2"));
    assertThrows(IllegalArgumentException.class, () -> S3Keys.imagePrefix("../x"));
  }
}
