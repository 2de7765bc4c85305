package smarthome.api.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.images.ImageType;

class FilenameTest {
  static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000001");

  @Test
  void keepsOnlyAPlainName() {
    assertEquals("door.png", ImageUploads.filename("../../etc/door.png", ID, ImageType.PNG));
    assertEquals("x.jpg", ImageUploads.filename("C:\\Users\\me\\x.jpg", ID, ImageType.JPEG));
    assertEquals("a_b.gif", ImageUploads.filename("a\nb.gif", ID, ImageType.GIF));
    assertEquals("a_b.gif", ImageUploads.filename("a\"b.gif", ID, ImageType.GIF));
    assertEquals(ID + ".webp", ImageUploads.filename("..", ID, ImageType.WEBP));
    assertEquals(ID + ".png", ImageUploads.filename(null, ID, ImageType.PNG));
    assertEquals(255, ImageUploads.filename("x".repeat(400), ID, ImageType.PNG).length());
  }
}
