package smarthome.api.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiException;

class UploadReadTest {
  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void joinsTheChunksIntoOneExactArray() throws Exception {
    for (int n : new int[] {0, 1, ImageUploads.CHUNK - 1, ImageUploads.CHUNK, 3 * ImageUploads.CHUNK + 17}) {
      byte[] in = bytes(n);
      byte[] out = ImageUploads.read(new ByteArrayInputStream(in), 4 * ImageUploads.CHUNK);
      assertArrayEquals(in, out, "n=" + n);
    }
  }

  @Test
  void exactlyTheLimitPassesOneByteMoreIs413() throws Exception {
    int max = 2 * ImageUploads.CHUNK + 5;
    assertEquals(max, ImageUploads.read(new ByteArrayInputStream(bytes(max)), max).length);
    ApiException e = assertThrows(ApiException.class,
        () -> ImageUploads.read(new ByteArrayInputStream(bytes(max + 1)), max));
    assertEquals(413, e.status().getCode());
  }
}
