package smarthome.common.store;

import java.time.Duration;
import javax.net.ssl.TrustManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import smarthome.common.config.PemTrust;
import smarthome.common.config.S3Settings;
import smarthome.common.config.Settings;

/** S3 clients for AWS or any S3-compatible store (path-style and a custom endpoint supported). */
public final class S3 {
  private S3() {}

  public static S3Client client(S3Settings s, int maxConnections) {
    var b = S3Client.builder()
        .region(Region.of(s.region()))
        .credentialsProvider(credentials(s))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build())
        // checksums only where S3 requires them: older S3-compatible stores refuse the new ones
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(http(s)
            .maxConnections(maxConnections)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(60)))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(120))
            .build());
    s.endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  /**
   * The HTTP client, trusting exactly S3_CA_FILE's CA when it is set (the client still checks the
   * host name). The presigner needs none: it only signs URLs, the caller's client fetches them.
   */
  private static ApacheHttpClient.Builder http(S3Settings s) {
    ApacheHttpClient.Builder b = ApacheHttpClient.builder();
    s.caFile().ifPresent(ca -> {
      TrustManager[] tms = {PemTrust.trustManager(Settings.S3_CA_FILE, ca)};
      b.tlsTrustManagersProvider(() -> tms);
    });
    return b;
  }

  public static S3Presigner presigner(S3Settings s) {
    var b = S3Presigner.builder()
        .region(Region.of(s.region()))
        .credentialsProvider(credentials(s))
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s.pathStyle()).build());
    s.endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  /**
   * Creates the bucket when it does not exist.
   *
   * @throws S3Exception when it cannot be checked or created (403: credentials lack the right)
   */
  public static boolean ensureBucket(S3Client client, String bucket) {
    try {
      client.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
      return false;
    } catch (NoSuchBucketException e) {
      client.createBucket(r -> r.bucket(bucket));
      return true;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        client.createBucket(r -> r.bucket(bucket));
        return true;
      }
      throw e;
    }
  }

  private static AwsCredentialsProvider credentials(S3Settings s) {
    if (s.hasStaticCredentials()) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey().value()));
    }
    return DefaultCredentialsProvider.builder().build();
  }
}
