package smarthome.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smarthome.testkit.TestStack;

/** Each error status every endpoint can return, always in the one JSON shape, never a 500. */
class ApiErrorsIT {
  static Api api;
  static final String P = "er" + java.util.UUID.randomUUID().toString().substring(0, 6) + "_";

  @BeforeAll
  static void start() throws Exception {
    api = Api.start();
    // known devices with data, so 404s below are about the id and not an empty stack
    assertEquals(202, api.post("/generate-and-store?num_devices=2&id_prefix=" + P, Api.WRITE).statusCode());
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(() ->
        api.get("/devices/" + P + "1", Api.READ).statusCode() == 200
            && api.get("/devices/" + P + "2", Api.READ).statusCode() == 200);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  record Case(String method, String path, String key, int status, String messagePart) {}

  static void check(HttpResponse<String> r, Case c) {
    assertEquals(c.status(), r.statusCode(), c + " -> " + r.body());
    JsonNode body = Json.parse(r.body());
    assertEquals(c.status(), body.get("status").asInt(), r.body());
    assertTrue(body.hasNonNull("error") && body.hasNonNull("message") && body.has("path"), r.body());
    // clients written for the seed (FastAPI) read "detail"
    assertEquals(body.get("message"), body.get("detail"), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), c.toString());
    if (c.messagePart() != null) {
      assertTrue(body.get("message").asText().contains(c.messagePart()), c + " -> " + r.body());
    }
  }

  HttpResponse<String> call(Case c) throws Exception {
    return api.send(c.method(), c.path(), c.key());
  }

  @Test
  void everyStatusInTheOneShape() throws Exception {
    String A = Api.ADMIN;
    String R = Api.READ;
    String W = Api.WRITE;
    List<Case> cases = new ArrayList<>(List.of(
        // 401: no key, a wrong key, a malformed header
        new Case("GET", "/devices", null, 401, "missing API key"),
        new Case("GET", "/devices", "not-a-key-at-all", 401, "invalid API key"),
        new Case("GET", "/no/such/route", null, 401, null),
        // 403: roles too low
        new Case("POST", "/generate-and-store?num_devices=1", R, 403, "'write'"),
        new Case("DELETE", "/devices/" + P + "1", R, 403, "'admin'"),
        new Case("DELETE", "/devices/" + P + "1", W, 403, "'admin'"),
        // 400: malformed input
        new Case("GET", "/devices/bad%2Fid", R, 400, "device_id"),
        new Case("GET", "/devices/" + P + "1/sensor-data?start_time=yesterday", R, 400, "start_time"),
        new Case("GET", "/devices/" + P + "1/sensor-data?end_time=2026-13-01T00:00:00Z", R, 400, "end_time"),
        new Case("GET", "/devices/" + P + "1/sensor-data?start_time=26/11/2026", R, 400, "accepted forms"),
        new Case("GET", "/devices/" + P + "1/sensor-data?interval=5x", R, 400, "interval"),
        new Case("GET", "/devices/" + P + "1/logs?limit=ten", R, 400, "limit"),
        new Case("GET", "/devices/" + P + "1/logs?cursor=bm90LWEtY3Vyc29y", R, 400, "cursor"),
        new Case("GET", "/devices/" + P + "2/images/not-a-uuid", R, 400, "image_id"),
        new Case("GET", "/devices?after=..", R, 400, "device_id"),
        new Case("POST", "/generate-and-store?num_devices=five", W, 400, "num_devices"),
        // 404: unknown ids and routes
        new Case("GET", "/devices/no-such-device", R, 404, "not found"),
        new Case("GET", "/devices/no-such-device/sensor-data", R, 404, "not found"),
        new Case("GET", "/devices/no-such-device/logs", R, 404, "not found"),
        new Case("GET", "/devices/no-such-device/images", R, 404, "not found"),
        new Case("GET", "/devices/" + P + "2/images/00000000-0000-4000-8000-000000000000", R, 404, "not found"),
        new Case("DELETE", "/devices/no-such-device", A, 404, "not found"),
        new Case("GET", "/no/such/route", R, 404, "no such endpoint"),
        // 405
        new Case("PUT", "/devices", A, 405, null),
        // 415: not multipart
        new Case("POST", "/devices/" + P + "2/images", W, 415, null),
        // 422: well-formed but not acceptable
        new Case("GET", "/devices/" + P + "1/sensor-data?start_time=2026-06-02T00:00:00Z&end_time=2026-06-01T00:00:00Z", R, 422, "before"),
        new Case("GET", "/devices/" + P + "1/sensor-data?fn=mean", R, 422, "interval"),
        new Case("GET", "/devices/" + P + "1/sensor-data?interval=1h&fn=median", R, 422, "fn"),
        new Case("GET", "/devices/" + P + "1/sensor-data?interval=1s&start_time=2025-01-01T00:00:00Z", R, 422, "narrow the range"),
        new Case("GET", "/devices/" + P + "1/sensor-data?start_time=1900-01-01T00:00:00Z", R, 422, "1970"),
        new Case("GET", "/devices?limit=0", R, 422, "limit"),
        new Case("GET", "/devices?limit=100000", R, 422, "limit"),
        new Case("GET", "/devices?device_type=toaster", R, 422, "device_type"),
        new Case("GET", "/devices/" + P + "1/logs?level=LOUD", R, 422, "level"),
        new Case("POST", "/generate-and-store?num_devices=0", W, 422, "1-1000"),
        new Case("POST", "/generate-and-store?num_devices=1001", W, 422, "1-1000")));
    for (Case c : cases) {
      check(call(c), c);
    }
  }

  @Test
  void hostileDeviceIdsAre400AndChangeNothing() throws Exception {
    String before = api.get("/devices?limit=1000", Api.READ).body();
    // (the devices were stored in start(); only readings and logs may still be arriving)
    String[] hostile = {"a'b", "a\"b", "x' OR '1'='1", "/.*/", "..", "a\nb", "d".repeat(65), "caf\u00e9",
        "a b", "a;drop table devices", "a%00b", "<script>", "a\\b", "-leading"};
    for (String id : hostile) {
      String enc = URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E");
      for (String suffix : new String[] {"", "/sensor-data", "/logs", "/images"}) {
        Case c = new Case("GET", "/devices/" + enc + suffix, Api.READ, 400, "device_id");
        check(call(c), c);
      }
      Case d = new Case("DELETE", "/devices/" + enc, Api.ADMIN, 400, "device_id");
      check(call(d), d);
    }
    assertEquals(before, api.get("/devices?limit=1000", Api.READ).body());
  }

  @Test
  void uploadsThatAreTooLargeOrNotImagesAreRefused() throws Exception {
    byte[] big = new byte[11 * 1024 * 1024];
    big[0] = (byte) 0xFF;
    big[1] = (byte) 0xD8;
    big[2] = (byte) 0xFF;
    String[] tooBig = api.rawUpload("device_2", Api.WRITE, big);
    assertTrue(tooBig[0].startsWith("HTTP/1.1 413"), tooBig[0]);
    assertEquals(413, Json.parse(tooBig[1]).get("status").asInt(), tooBig[1]);
    check(api.upload(P + "2", Api.WRITE, "notes.txt", "text/plain",
        "just some text".getBytes(StandardCharsets.UTF_8)), new Case("POST", "upload text", Api.WRITE, 415, "not a JPEG"));
    check(api.upload(P + "2", Api.WRITE, "fake.png", "image/png",
        "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8)),
        new Case("POST", "upload svg", Api.WRITE, 415, null));
    check(api.upload("bad%20id", Api.WRITE, "x.png", "image/png", new byte[] {1}),
        new Case("POST", "upload bad id", Api.WRITE, 400, "device_id"));
    check(api.upload(P + "2", Api.READ, "x.png", "image/png", new byte[] {1}),
        new Case("POST", "upload read key", Api.READ, 403, null));
  }

  @Test
  void aStoreThatIsDownIs503WithRetryAfter() throws Exception {
    TestStack.stack("stop", "influxdb");
    try {
      HttpResponse<String> r = api.get("/devices/" + P + "1/sensor-data?interval=1h", Api.READ);
      check(r, new Case("GET", "sensor-data, InfluxDB down", Api.READ, 503, "influxdb"));
      assertEquals("5", r.headers().firstValue("Retry-After").orElseThrow());
      // readiness is cached for 3 s; the per-store states need a key
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> api.get("/health", null).statusCode() == 503);
      HttpResponse<String> h = api.get("/health", Api.METRICS);
      assertEquals(503, h.statusCode());
      assertEquals("DOWN", Json.parse(h.body()).get("checks").get("influxdb").asText());
      // what does not need InfluxDB still answers
      assertEquals(200, api.get("/devices/" + P + "1", Api.READ).statusCode());
    } finally {
      TestStack.stack("start", "influxdb");
    }
    // and once it is back, so are the answers
    String[] last = {""};
    try {
      org.awaitility.Awaitility.await().ignoreExceptions().atMost(java.time.Duration.ofSeconds(30))
          .until(() -> {
            HttpResponse<String> r = api.get("/devices/" + P + "1/sensor-data?interval=1h", Api.READ);
            last[0] = r.statusCode() + " " + r.body();
            return r.statusCode() == 200;
          });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("still failing after InfluxDB came back: " + last[0], e);
    }
  }
}
