package smarthome.api.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import smarthome.api.TestConfig;
import smarthome.api.errors.ApiException;
import smarthome.api.limits.WorkSlots;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** An S3 object opened for a response is closed on every path that does not hand it over. */
class ImageObjectsTest {
  /** The object's bytes, remembering whether anyone closed them. */
  static final class RecordingStream extends ByteArrayInputStream {
    boolean closed;

    RecordingStream() {
      super(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }

  /** An S3 whose GetObject answers with the given response over the given stream. */
  static S3Client s3(GetObjectResponse response, InputStream bytes) {
    return new S3Client() {
      @Override
      public ResponseInputStream<GetObjectResponse> getObject(GetObjectRequest request) {
        if (response == null) {
          throw NoSuchKeyException.builder().message("gone").build();
        }
        return new ResponseInputStream<>(response, AbortableInputStream.create(bytes));
      }

      @Override
      public String serviceName() {
        return "s3";
      }

      @Override
      public void close() {}
    };
  }

  static ImageObjects objects(S3Client s3) {
    return objects(s3, new WorkSlots(TestConfig.parse()));
  }

  static ImageObjects objects(S3Client s3, WorkSlots slots) {
    return new ImageObjects(s3, TestConfig.parse(), slots);
  }

  @Test
  void anObjectWithoutAContentLengthIsHandedOverNotLeaked() throws IOException {
    // chunked answers carry no Content-Length
    RecordingStream bytes = new RecordingStream();
    StreamedFile file;
    try {
      file = objects(s3(GetObjectResponse.builder().contentType("image/png").build(), bytes))
          .open("images/d1/x.png", MediaType.IMAGE_PNG_TYPE).orElseThrow();
    } catch (RuntimeException e) {
      assertTrue(bytes.closed, "the request failed and left the S3 stream open: " + e);
      return;
    }
    assertFalse(bytes.closed, "closed before the response could send it");
    assertEquals(-1, file.getLength());
    file.getInputStream().close(); // what the server does once it has sent the bytes
    assertTrue(bytes.closed);
  }

  @Test
  void theLengthS3ReportsIsTheResponsesLength() {
    StreamedFile file = objects(s3(GetObjectResponse.builder().contentLength(4L).build(), new RecordingStream()))
        .open("images/d1/x.png", MediaType.IMAGE_PNG_TYPE).orElseThrow();
    assertEquals(4, file.getLength());
    assertEquals(MediaType.IMAGE_PNG_TYPE, file.getMediaType());
  }

  @Test
  void aFailureOnceTheObjectIsOpenClosesItsStream() {
    RecordingStream bytes = new RecordingStream();
    IllegalStateException boom = new IllegalStateException("boom");
    assertSame(boom, assertThrows(IllegalStateException.class,
        () -> ImageObjects.closedOnFailure(bytes, () -> {
          throw boom;
        })));
    assertTrue(bytes.closed);
  }

  @Test
  void anObjectS3NoLongerHasIsEmpty() {
    assertEquals(Optional.empty(), objects(s3(null, null)).open("images/d1/x.png", MediaType.IMAGE_PNG_TYPE));
  }

  @Test
  void eachOpenDownloadHoldsASlotUntilItsStreamIsClosed() throws IOException {
    WorkSlots slots = new WorkSlots(TestConfig.parse());
    int all = slots.downloads.available();
    ImageObjects objects = objects(s3(GetObjectResponse.builder().contentLength(4L).build(), new RecordingStream()), slots);
    StreamedFile file = objects.open("images/d1/x.png", MediaType.IMAGE_PNG_TYPE).orElseThrow();
    assertEquals(all - 1, slots.downloads.available(), "held while the response streams");
    file.getInputStream().close();
    file.getInputStream().close();
    assertEquals(all, slots.downloads.available(), "given back once, when the server closes the stream");
    objects(s3(null, null), slots).open("images/d1/x.png", MediaType.IMAGE_PNG_TYPE);
    assertEquals(all, slots.downloads.available(), "a missing object holds nothing");
  }

  @Test
  void beyondTheDownloadSlotsIs429WithRetryAfter() {
    WorkSlots slots = new WorkSlots(TestConfig.parse());
    ImageObjects objects = objects(s3(GetObjectResponse.builder().contentLength(4L).build(), new RecordingStream()), slots);
    while (slots.downloads.available() > 0) {
      objects.open("images/d1/x.png", MediaType.IMAGE_PNG_TYPE).orElseThrow();
    }
    ApiException e = assertThrows(ApiException.class, () -> objects.open("images/d1/x.png", MediaType.IMAGE_PNG_TYPE));
    assertEquals(429, e.status().getCode());
    assertTrue(e.retryAfterSeconds() > 0);
  }
}
