package smarthome.ingest.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import smarthome.ingest.pipeline.SinkException.Kind;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class S3ErrorsTest {
  static S3Exception s3(int status, String code) {
    return (S3Exception) S3Exception.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).message(code).build();
  }

  @Test
  void networkFailuresAndServerErrorsRetry() {
    assertEquals(Kind.RETRIABLE, S3ImageSink.classify("put", SdkClientException.create("Connection refused")).kind());
    assertEquals(Kind.RETRIABLE, S3ImageSink.classify("put", s3(503, "SlowDown")).kind());
    assertEquals(Kind.RETRIABLE, S3ImageSink.classify("put", s3(500, "InternalError")).kind());
  }

  @Test
  void deniedAccessAndMissingBucketAreFatalAndNameTheSettings() {
    var denied = S3ImageSink.classify("put", s3(403, "AccessDenied"));
    assertEquals(Kind.FATAL, denied.kind());
    assertTrue(denied.getMessage().contains("AWS_SECRET_ACCESS_KEY"));
    var bucket = S3ImageSink.classify("put", s3(404, "NoSuchBucket"));
    assertEquals(Kind.FATAL, bucket.kind());
    assertTrue(bucket.getMessage().contains("S3_BUCKET_NAME"));
  }

  @Test
  void otherClientErrorsRejectTheObject() {
    assertEquals(Kind.REJECTED, S3ImageSink.classify("put", s3(400, "InvalidArgument")).kind());
  }
}
