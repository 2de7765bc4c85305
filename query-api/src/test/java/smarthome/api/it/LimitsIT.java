package smarthome.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smarthome.testkit.ApiClient;
import smarthome.testkit.Stores;
import smarthome.testkit.TestStack;

/** The caps on concurrent expensive requests and the per-key rates: beyond them a 429 with Retry-After. */
class LimitsIT {
  static Api api;
  static final String DEVICE = "lim" + java.util.UUID.randomUUID().toString().substring(0, 6);

  @BeforeAll
  static void start() throws Exception {
    api = Api.start(Map.of("API_MAX_UPLOADS", "1", "API_MAX_DOWNLOADS", "1",
        "API_RATE_LIMITS", "read=5/m,write=1000/s"));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  static String head(String path, String boundary, int length) {
    return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + Api.WRITE
        + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
        + "\r\nContent-Length: " + length + "\r\n\r\n";
  }

  static String status(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString().strip();
  }

  @Test
  void aSecondUploadWhileOneIsInProgressIs429ThenTheFirstCompletes() throws Exception {
    byte[] pixel = Files.readAllBytes(Path.of(getClass().getResource("/pixel.png").toURI()));
    // a PNG with 2 MiB of trailing bytes: large enough that its first half reaches the controller
    byte[] png = java.util.Arrays.copyOf(pixel, 2 * 1024 * 1024);
    String boundary = "----slow" + System.nanoTime();
    byte[] body = ApiClient.multipart(boundary, "file", "held.png", "image/png", png);
    int split = body.length / 2; // the part has begun, the image is not through
    try (Socket held = new Socket(api.base.getHost(), api.base.getPort())) {
      held.setSoTimeout(60_000);
      OutputStream out = held.getOutputStream();
      out.write(head("/devices/" + DEVICE + "/images", boundary, body.length).getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, split);
      out.flush();
      // the held upload takes the one slot as soon as its part reaches the controller
      Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
          api.upload(DEVICE, Api.WRITE, "x.png", "image/png", new byte[] {1, 2, 3}).statusCode() == 429);
      HttpResponse<String> refused = api.upload(DEVICE, Api.WRITE, "x.png", "image/png", pixel);
      assertEquals(429, refused.statusCode(), refused.body());
      assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
      assertTrue(Json.parse(refused.body()).get("message").asText().contains("at most 1"), refused.body());

      out.write(body, split, body.length - split);
      out.flush();
      assertEquals("HTTP/1.1 202 Accepted", status(held.getInputStream()));
    }
    // the slot is free again
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
        api.upload(DEVICE, Api.WRITE, "x.png", "image/png", new byte[] {1, 2, 3}).statusCode() == 415);
  }

  @Test
  void aKeyBeyondItsRateGets429WithTheRateLimitHeadersOtherKeysDoNot() throws Exception {
    // read=5/m: within 11 calls (two windows at most) the key is refused
    HttpResponse<String> r = null;
    int calls = 0;
    for (; calls < 11; calls++) {
      r = api.get("/device-types", Api.READ);
      if (r.statusCode() == 429) {
        break;
      }
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("5;w=60", r.headers().firstValue("RateLimit-Policy").orElseThrow());
      assertTrue(r.headers().firstValue("RateLimit").orElseThrow().startsWith("limit=5, remaining="));
    }
    assertEquals(429, r.statusCode(), "refused within 11 calls");
    assertTrue(calls >= 5, "at least the 5 of one window passed: " + calls);
    long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry >= 1 && retry <= 60, "Retry-After " + retry);
    assertTrue(r.headers().firstValue("RateLimit").orElseThrow().contains("remaining=0"));
    assertEquals(429, Json.parse(r.body()).get("status").asInt());
    // an admin key has its own budget (the admin default, 10/s)
    assertEquals(200, api.get("/device-types", Api.ADMIN).statusCode());
    // open paths are not limited
    assertEquals(200, api.get("/health", null).statusCode());
  }

  @Test
  void withoutConfiguredOriginsAPreflightIsGrantedNothing() throws Exception {
    HttpResponse<String> r = api.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(api.base + "/devices"))
        .header("Origin", "https://dash.example.com").header("Access-Control-Request-Method", "GET")
        .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
    assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
    assertTrue(r.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), r.headers().map().toString());
    assertEquals(r.statusCode(), Json.parse(r.body()).get("status").asInt(), "the one error shape: " + r.body());
  }

  @Test
  void aSecondDownloadWhileOneStreamsIs429ThenTheSlotComesBack() throws Exception {
    // Given an image larger than the socket buffers can hold, so that its stream stays open
    String image = java.util.UUID.randomUUID().toString();
    String key = "images/" + DEVICE + "/" + image + ".png";
    byte[] png = java.util.Arrays.copyOf(Files.readAllBytes(Path.of(getClass().getResource("/pixel.png").toURI())),
        24 * 1024 * 1024);
    try (Stores stores = TestStack.stores()) {
      stores.putObject(key, png);
      stores.exec("insert into device_images (image_id, device_id, s3_key, content_type, size_bytes, sha256, "
          + "filename, captured_at) values (?::uuid, ?, ?, 'image/png', ?, 'x', 'big.png', now())",
          image, DEVICE, key, (long) png.length);
    }
    String path = "/devices/" + DEVICE + "/images/" + image;
    // When one client holds the one download slot by not reading its answer
    try (Socket held = new Socket(api.base.getHost(), api.base.getPort())) {
      held.setSoTimeout(60_000);
      held.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
          + Api.ADMIN + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertEquals("HTTP/1.1 200 OK", status(held.getInputStream()));
      // Then another download is refused at once, with Retry-After
      HttpResponse<String> refused = api.get(path, Api.ADMIN);
      assertEquals(429, refused.statusCode(), refused.body());
      assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()) >= 1);
      assertTrue(Json.parse(refused.body()).get("message").asText().contains("image downloads"), refused.body());
    }
    // and once that client has gone, the slot is free again
    Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).until(() ->
        api.getBytes(path, Api.ADMIN).statusCode() == 200);
    // a HEAD opens the object too, and gives its slot back like a GET read to the end
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> head = api.send(api.request(path, Api.ADMIN)
          .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
      assertEquals(200, head.statusCode());
    }
    assertEquals(200, api.getBytes(path, Api.ADMIN).statusCode());
  }
}
