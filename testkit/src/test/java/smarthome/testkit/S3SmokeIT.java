package smarthome.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.config.S3Settings;
import smarthome.common.store.S3;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

class S3SmokeIT {
  final S3Settings settings = TestStack.s3();

  @Test
  void putListGetPresignAndDelete() throws Exception {
    try (S3Client s3 = S3.client(settings, 4); S3Presigner presigner = S3.presigner(settings)) {
      S3.ensureBucket(s3, settings.bucket());
      String prefix = "smoke/" + UUID.randomUUID() + "/";
      byte[] body = "hello s3".getBytes(StandardCharsets.UTF_8);
      // Given two objects under one prefix
      s3.putObject(r -> r.bucket(settings.bucket()).key(prefix + "a.txt").contentType("text/plain"),
          RequestBody.fromBytes(body));
      s3.putObject(r -> r.bucket(settings.bucket()).key(prefix + "b.txt"), RequestBody.fromBytes(body));

      // When we list, get and fetch through a presigned URL
      List<String> keys = s3.listObjectsV2(r -> r.bucket(settings.bucket()).prefix(prefix)).contents()
          .stream().map(S3Object::key).toList();
      byte[] got = s3.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(prefix + "a.txt"))
          .asByteArray();
      URI url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
          .getObjectRequest(g -> g.bucket(settings.bucket()).key(prefix + "a.txt"))).url().toURI();
      HttpResponse<byte[]> viaUrl = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofByteArray());

      // Then everything matches, and a delete really removes the object
      assertEquals(List.of(prefix + "a.txt", prefix + "b.txt"), keys);
      assertArrayEquals(body, got);
      assertEquals(200, viaUrl.statusCode());
      assertArrayEquals(body, viaUrl.body());
      s3.deleteObject(r -> r.bucket(settings.bucket()).key(prefix + "a.txt"));
      s3.deleteObject(r -> r.bucket(settings.bucket()).key(prefix + "b.txt"));
      assertThrows(NoSuchKeyException.class,
          () -> s3.getObject(r -> r.bucket(settings.bucket()).key(prefix + "a.txt")));
    }
  }
}
