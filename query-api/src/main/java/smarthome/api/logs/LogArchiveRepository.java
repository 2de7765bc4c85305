package smarthome.api.logs;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import smarthome.api.ApiConfig;
import smarthome.api.infra.StoreCalls;
import smarthome.common.images.S3Keys;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The log archive objects of a device in S3 (logs/{device_id}/...), every page of the listing. */
@Singleton
public class LogArchiveRepository {
  private final S3Client s3;
  private final String bucket;

  public LogArchiveRepository(S3Client s3, ApiConfig config) {
    this.s3 = s3;
    this.bucket = config.s3.bucket();
  }

  /** In key order, that is oldest day first. */
  public List<S3Object> objectsOf(String id) {
    return StoreCalls.s3(() -> {
      List<S3Object> out = new ArrayList<>();
      String token = null;
      do {
        String t = token;
        ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(bucket)
            .prefix(S3Keys.logPrefix(id)).continuationToken(t));
        out.addAll(page.contents());
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
      } while (token != null);
      return out;
    });
  }
}
