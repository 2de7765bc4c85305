package smarthome.api.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.MediaType;
import io.micronaut.http.multipart.PartData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import smarthome.api.errors.ApiException;

class UploadReadTest {
  static final int CHUNK = 8192;

  static byte[] bytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /** The part as the server delivers it: chunks of up to 8 KiB, each handed over once. */
  static byte[] collect(byte[] in, int max) {
    List<PartData> parts = new ArrayList<>();
    for (int at = 0; at < in.length; at += CHUNK) {
      parts.add(new Part(Arrays.copyOfRange(in, at, Math.min(in.length, at + CHUNK))));
    }
    UploadBody body = new UploadBody(max);
    Flux.fromIterable(parts).subscribe(body);
    return body.await();
  }

  @Test
  void joinsTheChunksIntoOneExactArray() {
    for (int n : new int[] {0, 1, CHUNK - 1, CHUNK, 3 * CHUNK + 17}) {
      byte[] in = bytes(n);
      assertArrayEquals(in, collect(in, 4 * CHUNK), "n=" + n);
    }
  }

  @Test
  void exactlyTheLimitPassesOneByteMoreIs413AfterTheWholeBodyIsRead() {
    int max = 2 * CHUNK + 5;
    assertEquals(max, collect(bytes(max), max).length);
    ApiException e = assertThrows(ApiException.class, () -> collect(bytes(max + 1), max));
    assertEquals(413, e.status().getCode());
    List<Part> parts = List.of(new Part(bytes(max)), new Part(bytes(10)), new Part(bytes(10)));
    UploadBody body = new UploadBody(max);
    Flux.fromIterable(parts).subscribe(body);
    assertThrows(ApiException.class, body::await);
    parts.forEach(p -> assertEquals(1, p.reads, "every chunk is taken (and so released), also past the limit"));
  }

  @Test
  void aBrokenConnectionIsA400NotAHang() {
    UploadBody body = new UploadBody(CHUNK);
    Flux.<PartData>error(new java.io.IOException("connection reset")).subscribe(body);
    ApiException e = assertThrows(ApiException.class, body::await);
    assertEquals(400, e.status().getCode());
  }

  static final class Part implements PartData {
    final byte[] b;
    int reads;

    Part(byte[] b) {
      this.b = b;
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(getBytes());
    }

    @Override
    public byte[] getBytes() {
      reads++;
      return b.clone();
    }

    @Override
    public ByteBuffer getByteBuffer() {
      return ByteBuffer.wrap(getBytes());
    }

    @Override
    public Optional<MediaType> getContentType() {
      return Optional.empty();
    }
  }
}
