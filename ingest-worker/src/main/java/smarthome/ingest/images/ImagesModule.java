package smarthome.ingest.images;

import java.time.Clock;
import javax.sql.DataSource;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.Images;
import smarthome.common.kafka.Topics;
import smarthome.common.store.S3;
import smarthome.ingest.pipeline.Decoded;
import smarthome.ingest.pipeline.RecordChecks;
import smarthome.ingest.pipeline.SinkException;
import smarthome.ingest.pipeline.SinkModule;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** The images sink: smarthome.images into S3, indexed in PostgreSQL's device_images. */
public final class ImagesModule {
  private ImagesModule() {}

  /** @param parallelUploads S3 uploads at once (INGEST_IMAGE_UPLOADS) */
  public static SinkModule<ImageEvent> create(S3Client s3, String bucket, DataSource ds,
      int parallelUploads, Clock clock) {
    return new SinkModule<>("images", Topics.IMAGES, r -> {
      ImageMeta m = Images.decode(r.headers(), RecordChecks.value(r), clock);
      return new Decoded<>(new ImageEvent(m, r.value()), RecordChecks.key(r, m.deviceId()), m.capturedAt());
    }, new S3ImageSink(s3, bucket, ds, parallelUploads), SinkModule.Intake.LARGE);
  }

  /**
   * Start-up: the bucket exists (created when missing).
   *
   * @throws SinkException as {@link S3ImageSink#classify} sorts the failure (403: fatal)
   */
  public static void prepare(S3Client s3, String bucket) throws SinkException {
    try {
      S3.ensureBucket(s3, bucket);
    } catch (SdkException e) {
      throw S3ImageSink.classify("checking bucket " + bucket, e);
    }
  }
}
