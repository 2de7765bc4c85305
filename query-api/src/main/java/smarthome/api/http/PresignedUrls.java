package smarthome.api.http;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import smarthome.api.ApiConfig;
import smarthome.api.infra.StoreCalls;
import smarthome.common.json.Timestamps;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Expiring GET URLs of S3 objects, handed to clients so the bytes need not pass through the API. */
@Singleton
public class PresignedUrls {
  private final S3Presigner presigner;
  private final String bucket;
  private final Duration lifetime;
  private final Clock clock = Clock.systemUTC();

  public PresignedUrls(S3Presigner presigner, ApiConfig config) {
    this.presigner = presigner;
    this.bucket = config.s3.bucket();
    this.lifetime = config.presignFor;
  }

  /** When URLs signed from now on expire, in the wire format; taken once per answer. */
  public String expiresAt() {
    return Timestamps.format(clock.instant().plus(lifetime));
  }

  /** A presigned URL of the object; a failure to sign is "s3 is unavailable". */
  public String url(String key) {
    return StoreCalls.s3(() -> presigner.presignGetObject(p -> p.signatureDuration(lifetime)
        .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toString());
  }
}
