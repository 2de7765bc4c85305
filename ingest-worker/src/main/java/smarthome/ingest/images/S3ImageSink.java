package smarthome.ingest.images;

import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import smarthome.common.erase.PostgresDeviceEraser;
import smarthome.common.erase.S3DeviceEraser;
import smarthome.common.images.ImageMeta;
import smarthome.common.store.Jdbc;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.pipeline.SinkTransactions;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
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
  private final S3DeviceEraser eraser;

  public S3ImageSink(S3Client s3, String bucket, DataSource ds, int parallelUploads) {
    this.s3 = s3;
    this.bucket = bucket;
    this.ds = ds;
    this.eraser = new S3DeviceEraser(s3, bucket);
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
    byte[] bytes = e.bytes();
    // RequestBody.fromBytes would copy the image: a stream over the record's own bytes (opened
    // again on a retry) keeps one copy per image in the heap budget (ConsumerSettings.imageBatch)
    s3.putObject(r -> r.bucket(bucket).key(m.s3Key()).contentType(m.contentType().mediaType())
        .contentLength((long) e.bytes().length).metadata(java.util.Map.of(
            "image-id", m.imageId().toString(), "device-id", m.deviceId(), "sha256", m.sha256())),
        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes), bytes.length,
            m.contentType().mediaType()));
  }

  private void index(List<ImageEvent> batch) throws SinkException {
    SinkTransactions.inTransaction(ds, "indexing " + batch.size() + " images", c -> {
      try (PreparedStatement ps = c.prepareStatement(INSERT)) {
        for (ImageEvent e : batch) {
          ImageMeta m = e.meta();
          Jdbc.bind(ps, m.imageId(), m.deviceId(), m.s3Key(), m.contentType().mediaType(),
              (long) e.bytes().length, m.sha256(), m.filename(), m.capturedAt());
          ps.addBatch();
        }
        return ps.executeBatch();
      }
    });
  }

  @Override
  public void eraseUpTo(String deviceId, Instant deletedAt) throws SinkException {
    // the objects go inside the rows' transaction: if S3 fails, the rows (and so the keys) stay
    // for the retry instead of leaving objects that nothing points at
    try {
      SinkTransactions.inTransaction(ds, "erasing the images of " + deviceId, c ->
          eraser.delete(deviceId, PostgresDeviceEraser.eraseImageRows(c, deviceId, deletedAt)));
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
