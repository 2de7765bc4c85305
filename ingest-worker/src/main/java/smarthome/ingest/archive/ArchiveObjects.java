package smarthome.ingest.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The archiver's side of S3: daily archive objects read, written and verified, and removed. */
final class ArchiveObjects {
  private final S3Client s3;
  private final String bucket;

  ArchiveObjects(S3Client s3, String bucket) {
    this.s3 = s3;
    this.bucket = bucket;
  }

  /**
   * The stored object's bytes, or null when there is none yet. The caller closes the stream:
   * open it in its own try-with-resources slot, so it is closed even when what reads it fails
   * to open ({@link #lines}).
   */
  InputStream open(String key) {
    try {
      return s3.getObject(r -> r.bucket(bucket).key(key));
    } catch (NoSuchKeyException e) {
      return null;
    }
  }

  /** The lines of an object {@link #open} returned (none when it returned null). */
  static BufferedReader lines(InputStream object, String key) {
    if (object == null) {
      return new BufferedReader(new StringReader(""));
    }
    try {
      return new BufferedReader(new InputStreamReader(new GZIPInputStream(object, 64 * 1024),
          StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("archive " + key + " is not gzip", e);
    }
  }

  /** Uploads the file and reads size and checksums back before anything is deleted. */
  void upload(String key, Path file, DayArchiveFile.Written w) {
    s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/x-ndjson")
        .contentEncoding("gzip").contentLength(w.bytes()).metadata(Map.of("sha256", w.sha256(),
            "lines", Long.toString(w.lines()))), RequestBody.fromFile(file));
    HeadObjectResponse head = s3.headObject(r -> r.bucket(bucket).key(key));
    String etag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
    if (head.contentLength() != w.bytes() || !w.sha256().equals(head.metadata().get("sha256"))
        || !etag.equalsIgnoreCase(w.md5())) {
      throw S3Exception.builder().message("archive " + key + " did not read back as written (size "
          + head.contentLength() + " vs " + w.bytes() + ", etag " + etag + " vs " + w.md5() + ")").build();
    }
  }

  void delete(String key) {
    s3.deleteObject(r -> r.bucket(bucket).key(key));
  }
}
