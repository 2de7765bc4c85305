package smarthome.api.images;

import io.micronaut.http.MediaType;
import io.micronaut.http.server.types.files.StreamedFile;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import smarthome.api.ApiConfig;
import smarthome.api.infra.StoreCalls;
import smarthome.api.limits.Slots;
import smarthome.api.limits.WorkSlots;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Image bytes in S3, streamed to the client rather than read into memory. */
@Singleton
public class ImageObjects {
  private final S3Client s3;
  private final String bucket;
  private final Slots downloads;
  private final Clock clock = Clock.systemUTC();

  public ImageObjects(S3Client s3, ApiConfig config, WorkSlots slots) {
    this.s3 = s3;
    this.bucket = config.s3.bucket();
    this.downloads = slots.downloads;
  }

  /**
   * The object as a file for the response, which then owns (and closes) the stream; empty when S3
   * no longer has it. Should anything fail once the object is open, the stream is closed here, so
   * a failed request never keeps an S3 connection from the pool.
   *
   * <p>Each open stream holds a download slot until it is closed (read to the end, or the client
   * went away or idled out): beyond API_MAX_DOWNLOADS, 429 with Retry-After.
   */
  public Optional<StreamedFile> open(String key, MediaType type) {
    Slots.Permit permit = downloads.take();
    ResponseInputStream<GetObjectResponse> s3in;
    try {
      s3in = StoreCalls.s3(() -> {
        try {
          return s3.getObject(r -> r.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
          return null;
        }
      });
    } catch (RuntimeException | Error e) {
      permit.close();
      throw e;
    }
    if (s3in == null) {
      permit.close();
      return Optional.empty();
    }
    InputStream in = new FilterInputStream(s3in) {
      @Override
      public void close() throws IOException {
        try {
          super.close();
        } finally {
          permit.close();
        }
      }
    };
    return Optional.of(closedOnFailure(in, () -> {
      Long length = s3in.response().contentLength(); // absent when S3 streams it chunked
      return new StreamedFile(in, type, clock.millis(), length == null ? -1 : length);
    }));
  }

  /** What {@code build} returns from an open stream; if it throws, the stream is closed first. */
  static <T> T closedOnFailure(InputStream in, Supplier<T> build) {
    try {
      return build.get();
    } catch (RuntimeException | Error e) {
      try {
        in.close();
      } catch (IOException | RuntimeException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }
}
