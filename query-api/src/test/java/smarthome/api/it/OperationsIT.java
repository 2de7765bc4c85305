package smarthome.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import smarthome.testkit.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Health as orchestrators ask for it, the headers of every answer, the methods nobody routes
 * (OPTIONS, HEAD, TRACE), CORS preflights with configured origins, over-large uploads from
 * clients that do not read before they finish sending, and tampered cursors, on the real stack.
 */
class OperationsIT {
  static Api api;
  static final String ORIGIN = "https://dash.example.com";
  static final String CAMERA = "opscam" + java.util.UUID.randomUUID().toString().substring(0, 6);
  static final String SCOPED = "ops-scoped-key-0001";

  @BeforeAll
  static void start() throws Exception {
    api = Api.start(Map.of("API_CORS_ORIGINS", ORIGIN, "API_KEYS", "admin:" + Api.ADMIN + ",write:"
        + Api.WRITE + ",read:" + Api.READ + ",metrics:" + Api.METRICS + ",ops-cam=write@" + CAMERA + ":" + SCOPED));
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void livenessIsOpenAndNamesNoStore() throws Exception {
    HttpResponse<String> r = api.get("/health/live", null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = Json.parse(r.body());
    assertEquals("UP", body.get("status").asText());
    assertFalse(body.has("checks"), r.body());
  }

  @Test
  void readinessIsOpenButTheStoresOnlyShowToAKey() throws Exception {
    for (String path : new String[] {"/health/ready", "/health"}) {
      HttpResponse<String> open = api.get(path, null);
      assertEquals(200, open.statusCode(), open.body());
      assertEquals("UP", Json.parse(open.body()).get("status").asText());
      assertFalse(Json.parse(open.body()).has("checks"), "no store detail without a key: " + open.body());

      HttpResponse<String> keyed = api.get(path, Api.METRICS);
      assertEquals(200, keyed.statusCode(), keyed.body());
      JsonNode checks = Json.parse(keyed.body()).get("checks");
      for (String store : new String[] {"postgresql", "influxdb", "s3", "kafka"}) {
        assertEquals("UP", checks.get(store).asText(), keyed.body());
      }
      // a wrong key on an open path is not refused, it just sees no detail
      HttpResponse<String> wrong = api.get(path, "not-a-configured-key");
      assertEquals(200, wrong.statusCode());
      assertFalse(Json.parse(wrong.body()).has("checks"), wrong.body());
    }
  }

  @Test
  void aScrapersKeyReadsTheMetricsButNoDeviceData() throws Exception {
    HttpResponse<String> m = api.get("/prometheus", Api.METRICS);
    assertEquals(200, m.statusCode());
    assertTrue(m.body().contains("jvm_memory_used_bytes"));
    HttpResponse<String> devices = api.get("/devices", Api.METRICS);
    assertEquals(403, devices.statusCode(), devices.body());
    assertTrue(Json.parse(devices.body()).get("message").asText().contains("'read'"), devices.body());
  }

  @Test
  void everyAnswerSaysNosniffApiAnswersAreNotStoredDocsHaveACsp() throws Exception {
    for (HttpResponse<String> r : new HttpResponse[] {api.get("/devices", Api.READ),
        api.get("/devices/no-such-device", Api.READ), api.get("/devices", null)}) {
      assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), r.uri().toString());
      assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""), r.uri().toString());
    }
    HttpResponse<String> docs = api.get("/docs/", null);
    assertEquals(200, docs.statusCode());
    String csp = docs.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
        && csp.contains("object-src 'none'"), csp);
  }

  @Test
  void optionsHeadAndTraceAreAnsweredWithoutA5xx() throws Exception {
    HttpResponse<String> options = api.send("OPTIONS", "/devices", Api.READ);
    assertEquals(405, options.statusCode(), options.body());
    assertEquals(405, Json.parse(options.body()).get("status").asInt());
    assertEquals(401, api.send("OPTIONS", "/devices", null).statusCode(), "not a preflight: a key is needed");
    HttpResponse<String> head = api.send(HttpRequest.newBuilder(java.net.URI.create(api.base + "/devices"))
        .header("Authorization", "Bearer " + Api.READ).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(200, head.statusCode());
    assertEquals("", head.body(), "HEAD has no body");
    HttpResponse<String> trace = api.send("TRACE", "/devices", Api.ADMIN);
    assertEquals(405, trace.statusCode(), trace.body());
    assertFalse(trace.body().contains(Api.ADMIN), "TRACE echoes nothing, least of all the key");
    assertEquals(403, api.send("TRACE", "/devices", Api.READ).statusCode());
  }

  @Test
  void aPreflightFromAConfiguredOriginIsGrantedOthersAreNot() throws Exception {
    HttpResponse<String> ok = api.send(HttpRequest.newBuilder(java.net.URI.create(api.base + "/devices"))
        .header("Origin", ORIGIN).header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "Authorization")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(200, ok.statusCode());
    assertEquals(ORIGIN, ok.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    assertTrue(ok.headers().allValues("Access-Control-Expose-Headers").contains("RateLimit"),
        ok.headers().map().toString());
    HttpResponse<String> other = api.send(HttpRequest.newBuilder(java.net.URI.create(api.base + "/devices"))
        .header("Origin", "https://evil.example.com").header("Access-Control-Request-Method", "GET")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(403, other.statusCode());
    assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    JsonNode error = Json.parse(other.body());
    assertEquals(403, error.get("status").asInt(), other.body());
    assertTrue(error.get("message").asText().contains("API_CORS_ORIGINS"), other.body());
    assertTrue(other.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
  }

  static String uploadHead(String boundary, long length, boolean expectContinue) {
    return ApiClient.uploadHead("ops-big", Api.WRITE, boundary, length, expectContinue);
  }

  @Test
  void anOverLargeUploadIs413EvenForAClientThatSendsEverythingFirst() throws Exception {
    for (int size : new int[] {10 * 1024 * 1024 + 1, 13 * 1024 * 1024}) {
      byte[] image = new byte[size];
      image[0] = (byte) 0xFF;
      image[1] = (byte) 0xD8;
      image[2] = (byte) 0xFF;
      String boundary = "----big" + System.nanoTime();
      byte[] body = ApiClient.multipart(boundary, "file", "big.jpg", "image/jpeg", image);
      String answer = api.sendAllThenRead(uploadHead(boundary, body.length, false), body);
      assertTrue(answer.startsWith("HTTP/1.1 413"), size + ": " + answer);
      assertTrue(answer.contains("larger than 10 MiB"), answer);
    }
    // a client that waits for 100 Continue hears the 413 instead, and never sends the body
    String answer = api.sendAllThenRead(uploadHead("----x", 13L * 1024 * 1024, true), null);
    assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
  }

  @Test
  void aTamperedOrOutOfRangeLogsCursorIs400() throws Exception {
    String uuid = "00000000-0000-4000-8000-000000000001";
    for (String raw : new String[] {"99999999999999999:" + uuid, "12:not-a-uuid", "garbage"}) {
      String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> r = api.get("/devices/ops-any/logs?cursor=" + cursor, Api.READ);
      assertEquals(400, r.statusCode(), raw + " -> " + r.body());
    }
  }

  @Test
  void aKeyScopedToADeviceReachesOnlyThatDevice() throws Exception {
    byte[] png = java.nio.file.Files.readAllBytes(java.nio.file.Path.of(getClass().getResource("/pixel.png").toURI()));
    HttpResponse<String> own = api.upload(CAMERA, SCOPED, "own.png", "image/png", png);
    assertEquals(202, own.statusCode(), own.body());
    HttpResponse<String> other = api.upload(CAMERA + "x", SCOPED, "forged.png", "image/png", png);
    assertEquals(403, other.statusCode(), other.body());
    assertTrue(Json.parse(other.body()).get("message").asText().contains("scoped"), other.body());
    assertEquals(403, api.get("/devices", SCOPED).statusCode(), "no list of the whole house");
    assertEquals(403, api.get("/devices/" + CAMERA + "x/logs", SCOPED).statusCode());
    assertEquals(403, api.post("/generate-and-store?num_devices=1", SCOPED).statusCode());
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
        api.get("/devices/" + CAMERA + "/images", SCOPED).statusCode() == 200);
  }
}
