package smarthome.ingest.images;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.S3Keys;
import smarthome.ingest.pipeline.JdbcErrors;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Images to S3 at images/{device_id}/{image_id}.{ext}, then their index rows in device_images.
 * The objects of a batch are uploaded in parallel; a row is written only after its object, so the
 * index never points at nothing. Both steps are idempotent (same key, same bytes; on conflict do
 * nothing).
 */
public final class S3ImageSink implements Sink<ImageEvent> {
  private static final String INSERT = "insert into device_images (image_id, device_id, s3_key, "
      + "content_type, size_bytes, sha256, filename, captured_at) values (?, ?, ?, ?, ?, ?, ?, ?) "
      + "on conflict (image_id) do nothing";

  private final S3Client s3;
  private final String bucket;
  private final DataSource ds;
  private final ExecutorService uploads;

  public S3ImageSink(S3Client s3, String bucket, DataSource ds, int parallelUploads) {
    this.s3 = s3;
    this.bucket = bucket;
    this.ds = ds;
    this.uploads = Executors.newFixedThreadPool(parallelUploads, r -> {
      Thread t = new Thread(r, "s3-upload");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void write(List<ImageEvent> batch) throws SinkException {
    List<Future<?>> puts = new ArrayList<>(batch.size());
    for (ImageEvent e : batch) {
      puts.add(uploads.submit(() -> put(e)));
    }
    SinkException first = null;
    for (Future<?> f : puts) {
      try {
        f.get();
      } catch (ExecutionException ex) {
        SinkException s = classify("uploading an image", ex.getCause());
        if (first == null || s.kind() == SinkException.Kind.FATAL) {
          first = s;
        }
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw SinkException.retriable("interrupted while uploading", ex);
      }
    }
    if (first != null) {
      throw first;
    }
    index(batch);
  }

  private void put(ImageEvent e) {
    ImageMeta m = e.meta();
    s3.putObject(r -> r.bucket(bucket).key(m.s3Key()).contentType(m.contentType().mediaType())
        .contentLength((long) e.bytes().length).metadata(java.util.Map.of(
            "image-id", m.imageId().toString(), "device-id", m.deviceId(), "sha256", m.sha256())),
        RequestBody.fromBytes(e.bytes()));
  }

  private void index(List<ImageEvent> batch) throws SinkException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (ImageEvent e : batch) {
        ImageMeta m = e.meta();
        ps.setObject(1, m.imageId());
        ps.setString(2, m.deviceId());
        ps.setString(3, m.s3Key());
        ps.setString(4, m.contentType().mediaType());
        ps.setLong(5, e.bytes().length);
        ps.setString(6, m.sha256());
        ps.setString(7, m.filename());
        ps.setTimestamp(8, Timestamp.from(m.capturedAt()));
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw JdbcErrors.classify("indexing " + batch.size() + " images", e);
    }
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    List<String> keys = new ArrayList<>();
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
        "delete from device_images where device_id = ? and captured_at <= ? returning s3_key")) {
      ps.setString(1, deviceId);
      ps.setTimestamp(2, Timestamp.from(deletedAt));
      try (var rs = ps.executeQuery()) {
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw JdbcErrors.classify("erasing images of " + deviceId, e);
    }
    try {
      for (int i = 0; i < keys.size(); i += 1000) {
        List<ObjectIdentifier> ids = keys.subList(i, Math.min(keys.size(), i + 1000)).stream()
            .filter(k -> k.startsWith(S3Keys.imagePrefix(deviceId)))
            .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
        s3.deleteObjects(r -> r.bucket(bucket).delete(Delete.builder().objects(ids).build()));
      }
    } catch (SdkException e) {
      throw classify("erasing image objects of " + deviceId, e);
    }
  }

  /** S3 errors: network and 5xx/429 retry, 403 (and 404 bucket) are fatal, other 4xx rejected. */
  static SinkException classify(String doing, Throwable e) {
    String what = doing + ": " + e.getMessage();
    if (e instanceof S3Exception s) {
      int status = s.statusCode();
      String code = s.awsErrorDetails() == null ? "" : s.awsErrorDetails().errorCode();
      if (status >= 500 || status == 429 || "SlowDown".equals(code) || "RequestTimeout".equals(code)) {
        return SinkException.retriable("S3 unavailable while " + what, e);
      }
      if (status == 401 || status == 403) {
        return SinkException.fatal("S3 refused the credentials: check AWS_ACCESS_KEY_ID and "
            + "AWS_SECRET_ACCESS_KEY (" + what + ")", e);
      }
      if ("NoSuchBucket".equals(code)) {
        return SinkException.fatal("S3 bucket is missing: check S3_BUCKET_NAME (" + what + ")", e);
      }
      return SinkException.rejected("S3 refused the object while " + what, e);
    }
    if (e instanceof SdkClientException || e instanceof java.io.UncheckedIOException) {
      return SinkException.retriable("S3 unreachable while " + what, e);
    }
    if (e instanceof RuntimeException re) {
      return SinkException.retriable("S3 failed while " + what, re);
    }
    return SinkException.retriable("S3 failed while " + what, e);
  }

  @Override
  public void close() {
    uploads.shutdownNow();
  }
}
