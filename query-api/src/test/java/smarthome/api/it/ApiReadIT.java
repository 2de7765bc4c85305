package smarthome.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smarthome.common.images.Images;

/**
 * The success path of every endpoint, on data that went the whole way: POST /generate-and-store
 * publishes, the real ingest worker stores, the API reads it back.
 */
class ApiReadIT {
  static Api api;
  static JsonNode generated;
  /** ids of this run's devices: <P>1 .. <P>5 (the seed's device_N are shared with other tests) */
  static final String P = "rd" + java.util.UUID.randomUUID().toString().substring(0, 6) + "_";

  @BeforeAll
  static void generate() throws Exception {
    api = Api.start();
    HttpResponse<String> r = api.post("/generate-and-store?num_devices=5&id_prefix=" + P, Api.WRITE);
    assertEquals(202, r.statusCode(), r.body());
    generated = Json.parse(r.body());
    assertEquals(5, generated.get("devices").asInt());
    assertEquals(5 * 288, generated.get("readings").asInt());
    assertEquals(50, generated.get("logs").asInt());
    assertEquals(3, generated.get("images").asInt());
    // the worker stores it: wait until every device's readings, logs and images are there
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
      if (Json.parse(api.get("/devices/" + P + "2/images", Api.READ).body()).size() != 3) {
        return false;
      }
      String[] firstField = {"temperature", "brightness", "sensitivity", "battery_level", "energy_usage"};
      for (int i = 1; i <= 5; i++) {
        JsonNode counts = Json.parse(api.get("/devices/" + P + "" + i + "/sensor-data?" + range()
            + "&interval=1d&fn=count", Api.READ).body());
        if (counts.findValues(firstField[i - 1]).stream().mapToInt(JsonNode::asInt).sum() != 288
            || Json.parse(api.get("/devices/" + P + "" + i + "/logs", Api.READ).body()).size() != 10) {
          return false;
        }
      }
      return true;
    });
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  static String range() {
    Instant end = Instant.parse(generated.get("window_end").asText()).plusSeconds(1);
    return "start_time=" + generated.get("window_start").asText() + "&end_time=" + end;
  }

  @Test
  void devicesAreListedInPagesWithALinkToTheNext() throws Exception {
    Set<String> ids = new HashSet<>();
    String next = "/devices?limit=2";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> r = api.get(next, Api.READ);
      assertEquals(200, r.statusCode());
      JsonNode page = Json.parse(r.body());
      assertTrue(page.size() <= 2);
      page.forEach(d -> ids.add(d.get("device_id").asText()));
      next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
      pages++;
    }
    assertTrue(pages >= 3);
    assertTrue(ids.containsAll(Set.of(P + "1", P + "2", P + "3", P + "4", P + "5")));
    JsonNode cameras = Json.parse(api.get("/devices?device_type=camera&limit=1000", Api.READ).body());
    cameras.forEach(d -> assertEquals("camera", d.get("device_type").asText()));
    assertTrue(cameras.findValuesAsText("device_id").contains(P + "2"));
  }

  @Test
  void oneDeviceHasAllItsMetadata() throws Exception {
    HttpResponse<String> r = api.get("/devices/" + P + "1", Api.READ);
    assertEquals(200, r.statusCode());
    JsonNode d = Json.parse(r.body());
    assertEquals("thermostat", d.get("device_type").asText());
    for (String f : new String[] {"location", "manufacturer", "model", "firmware_version", "created_at", "updated_at"}) {
      assertFalse(d.get(f).asText().isEmpty(), f);
    }
    // the seed's shape: every field present, null when it has no value (state not seen yet)
    JsonNode all = Json.parse(api.get("/devices?limit=1000", Api.READ).body());
    for (JsonNode device : all) {
      for (String f : new String[] {"device_id", "device_type", "location", "manufacturer", "model",
          "firmware_version", "last_maintenance", "created_at", "updated_at", "status", "last_seen",
          "readings_last_hour", "latest"}) {
        assertTrue(device.has(f), f + " missing in " + device);
      }
    }
    String loc = d.get("location").asText();
    JsonNode same = Json.parse(api.get("/devices?location=" + loc + "&limit=1000", Api.READ).body());
    assertTrue(same.findValuesAsText("device_id").contains(P + "1"));
    assertTrue(api.get("/device-types", Api.READ).body().contains("\"thermostat\""));
    assertTrue(api.get("/device-locations", Api.READ).body().contains("\"" + loc + "\""));
  }

  @Test
  void rawSensorDataComesOldestFirstWithTheTypesFields() throws Exception {
    HttpResponse<String> r = api.get("/devices/" + P + "1/sensor-data?start_time="
        + Instant.parse(generated.get("window_end").asText()).minusSeconds(12 * 3600) + "&end_time="
        + Instant.parse(generated.get("window_end").asText()).plusSeconds(1), Api.READ);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode rows = Json.parse(r.body());
    assertTrue(rows.size() >= 143 && rows.size() <= 144, "12 h at 5 min: " + rows.size());
    String previous = "";
    for (JsonNode row : rows) {
      assertEquals(P + "1", row.get("device_id").asText());
      assertEquals("thermostat", row.get("device_type").asText());
      assertTrue(row.get("temperature").isNumber() && row.get("humidity").isNumber()
          && row.get("pressure").isNumber());
      assertTrue(row.get("timestamp").asText().compareTo(previous) > 0, "oldest first");
      previous = row.get("timestamp").asText();
    }
  }

  @Test
  void everyTimeFormSelectsTheSameRowsAsIsoWithZ() throws Exception {
    // a whole second two hours before the window's end, so every form can say it exactly
    Instant s = Instant.parse(generated.get("window_end").asText()).minusSeconds(2 * 3600)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String end = "&end_time=" + s.plusSeconds(3600);
    String path = "/devices/" + P + "1/sensor-data?start_time=";
    HttpResponse<String> iso = api.get(path + s + end, Api.READ);
    assertEquals(200, iso.statusCode(), iso.body());
    assertTrue(Json.parse(iso.body()).size() >= 11, "an hour at 5 min: " + iso.body());
    java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(s, java.time.ZoneOffset.UTC);
    String plusOne = local.plusHours(1) + "+01:00";
    for (String form : new String[] {local.toString(), plusOne.replace("+", "%2B"), plusOne,
        String.valueOf(s.toEpochMilli()), String.valueOf(s.getEpochSecond()),
        local.minusHours(3) + "-03:00"}) {
      HttpResponse<String> r = api.get(path + form + end, Api.READ);
      assertEquals(200, r.statusCode(), form + ": " + r.body());
      assertEquals(iso.body(), r.body(), form);
    }
    // a date alone is its UTC midnight
    Instant midnight = s.truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    String dayEnd = "&end_time=" + midnight.plusSeconds(3600);
    assertEquals(api.get(path + midnight + dayEnd, Api.READ).body(),
        api.get(path + local.toLocalDate() + dayEnd, Api.READ).body());
    // logs read their times through the same parser
    String logs = "/devices/" + P + "1/logs?limit=1000&start_time=";
    assertEquals(api.get(logs + Instant.EPOCH.plusSeconds(1), Api.READ).body(),
        api.get(logs + "1", Api.READ).body());
    HttpResponse<String> bad = api.get(path + "yesterday", Api.READ);
    assertEquals(400, bad.statusCode());
    assertTrue(Json.parse(bad.body()).get("message").asText().contains("epoch milliseconds"), bad.body());
  }

  @Test
  void csvHasTheSameRowsAndPagesAsJson() throws Exception {
    String sensor = "/devices/" + P + "1/sensor-data?" + range() + "&limit=50";
    List<List<String>> json = new ArrayList<>();
    for (JsonNode page : pages(sensor, null)) {
      for (JsonNode row : page) {
        json.add(List.of(row.get("timestamp").asText(), row.get("device_id").asText(),
            row.get("device_type").asText(), row.get("temperature").asText(), row.get("humidity").asText(),
            row.get("pressure").asText()));
      }
    }
    assertEquals(288, json.size());
    for (String[] how : new String[][] {{sensor + "&format=csv", null}, {sensor, "text/csv"}}) {
      List<List<String>> csv = csvPages(how[0], how[1],
          List.of("timestamp", "device_id", "device_type", "temperature", "humidity", "pressure"));
      assertEquals(json, csv, "CSV equals JSON row for row: " + how[0] + " " + how[1]);
    }

    String logs = "/devices/" + P + "3/logs?limit=3";
    List<List<String>> jsonLogs = new ArrayList<>();
    for (JsonNode page : pages(logs, null)) {
      for (JsonNode l : page) {
        jsonLogs.add(List.of(l.get("log_id").asText(), l.get("device_id").asText(), l.get("timestamp").asText(),
            l.get("level").asText(), l.get("event_type").asText(), l.get("message").asText()));
      }
    }
    assertEquals(10, jsonLogs.size());
    assertEquals(jsonLogs, csvPages(logs + "&format=csv", null,
        List.of("log_id", "device_id", "timestamp", "level", "event_type", "message")));

    // errors stay JSON
    for (String bad : new String[] {sensor + "&format=csv&start_time=yesterday", logs + "&format=csv&limit=x"}) {
      HttpResponse<String> r = api.get(bad, Api.READ);
      assertEquals(400, r.statusCode());
      assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
      assertFalse(Json.parse(r.body()).get("message").asText().isEmpty());
    }
    HttpResponse<String> viaAccept = api.send(api.request(sensor + "&start_time=yesterday", Api.READ)
        .header("Accept", "text/csv").build());
    assertEquals(400, viaAccept.statusCode());
    assertTrue(viaAccept.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals(400, api.get(sensor + "&format=xml", Api.READ).statusCode());
  }

  static List<JsonNode> pages(String first, String accept) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (HttpResponse<String> r : follow(first, accept)) {
      out.add(Json.parse(r.body()));
    }
    return out;
  }

  static List<HttpResponse<String>> follow(String first, String accept) throws Exception {
    List<HttpResponse<String>> out = new ArrayList<>();
    String next = first;
    while (next != null) {
      HttpRequest.Builder b = api.request(next, Api.READ);
      if (accept != null) {
        b.header("Accept", accept);
      }
      HttpResponse<String> r = api.send(b.build());
      assertEquals(200, r.statusCode(), next + ": " + r.body());
      out.add(r);
      next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
    }
    return out;
  }

  /** The rows of every CSV page, each page's header checked, parsed by Jackson's CSV reader. */
  static List<List<String>> csvPages(String first, String accept, List<String> header) throws Exception {
    List<List<String>> rows = new ArrayList<>();
    List<HttpResponse<String>> pages = follow(first, accept);
    assertTrue(pages.size() > 1, "more than one page");
    for (HttpResponse<String> r : pages) {
      assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
      try (var it = new com.fasterxml.jackson.dataformat.csv.CsvMapper()
          .enable(com.fasterxml.jackson.dataformat.csv.CsvParser.Feature.WRAP_AS_ARRAY)
          .readerFor(String[].class).<String[]>readValues(r.body())) {
        assertEquals(header, List.of(it.next()), "each page starts with the header row");
        it.forEachRemaining(row -> rows.add(List.of(row)));
      }
    }
    return rows;
  }

  @Test
  void downsampledSeriesCountAndAverage() throws Exception {
    JsonNode counts = Json.parse(api.get("/devices/" + P + "1/sensor-data?" + range()
        + "&interval=1h&fn=count", Api.READ).body());
    assertEquals(288, counts.findValues("temperature").stream().mapToInt(JsonNode::asInt).sum());
    assertTrue(counts.size() >= 24 && counts.size() <= 25);
    JsonNode means = Json.parse(api.get("/devices/" + P + "1/sensor-data?" + range() + "&interval=6h",
        Api.READ).body());
    for (JsonNode m : means) {
      double t = m.get("temperature").asDouble();
      assertTrue(t > 10 && t < 35, "a mean temperature " + t);
    }
    // flags are counted and last-valued, never averaged
    JsonNode lock = Json.parse(api.get("/devices/" + P + "4/sensor-data?" + range() + "&interval=6h&fn=last",
        Api.READ).body());
    assertTrue(lock.get(0).get("locked").isBoolean(), lock.toString());
    JsonNode lockMean = Json.parse(api.get("/devices/" + P + "4/sensor-data?" + range() + "&interval=6h&fn=mean",
        Api.READ).body());
    assertFalse(lockMean.get(0).has("locked"));
    assertTrue(lockMean.get(0).get("battery_level").isNumber());
  }

  @Test
  void logsComeNewestFirstPageByPage() throws Exception {
    Set<String> ids = new HashSet<>();
    String next = "/devices/" + P + "3/logs?limit=4";
    String previous = "9999";
    while (next != null) {
      HttpResponse<String> r = api.get(next, Api.READ);
      assertEquals(200, r.statusCode(), r.body());
      for (JsonNode l : Json.parse(r.body())) {
        assertTrue(l.get("timestamp").asText().compareTo(previous) <= 0, "newest first");
        previous = l.get("timestamp").asText();
        assertTrue(ids.add(l.get("log_id").asText()), "no repeats across pages");
      }
      next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
    }
    assertEquals(10, ids.size());
    JsonNode all = Json.parse(api.get("/devices/" + P + "3/logs?limit=1000", Api.READ).body());
    String level = all.get(0).get("level").asText();
    JsonNode filtered = Json.parse(api.get("/devices/" + P + "3/logs?level=" + level.toLowerCase(), Api.READ).body());
    assertTrue(filtered.size() >= 1);
    filtered.forEach(l -> assertEquals(level, l.get("level").asText()));
  }

  @Test
  void imagesAreListedWithPresignedUrlsAndServedWithTheirType() throws Exception {
    JsonNode images = Json.parse(api.get("/devices/" + P + "2/images", Api.READ).body());
    assertEquals(3, images.size());
    for (JsonNode img : images) {
      HttpResponse<byte[]> viaUrl = api.http.send(HttpRequest.newBuilder(URI.create(img.get("url").asText())).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, viaUrl.statusCode());
      assertEquals(img.get("sha256").asText(), Images.sha256Hex(viaUrl.body()));
      HttpResponse<byte[]> viaApi = api.getBytes(img.get("href").asText(), Api.READ);
      assertEquals(200, viaApi.statusCode());
      assertEquals(img.get("content_type").asText(), viaApi.headers().firstValue("Content-Type").orElseThrow());
      assertEquals("nosniff", viaApi.headers().firstValue("X-Content-Type-Options").orElseThrow());
      assertEquals(img.get("sha256").asText(), Images.sha256Hex(viaApi.body()));
    }
  }

  @Test
  void imagesAreListedInPagesNewestFirst() throws Exception {
    Set<String> ids = new HashSet<>();
    String next = "/devices/" + P + "2/images?limit=2";
    String previous = "9999";
    int pages = 0;
    while (next != null) {
      HttpResponse<String> r = api.get(next, Api.READ);
      assertEquals(200, r.statusCode(), r.body());
      JsonNode page = Json.parse(r.body());
      assertTrue(page.size() <= 2);
      for (JsonNode img : page) {
        assertTrue(img.get("captured_at").asText().compareTo(previous) <= 0, "newest first");
        previous = img.get("captured_at").asText();
        assertTrue(ids.add(img.get("image_id").asText()), "no repeats across pages");
      }
      next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
      pages++;
    }
    assertTrue(ids.size() >= 3 && pages >= 2, ids.size() + " images in " + pages + " pages");
    assertEquals(400, api.get("/devices/" + P + "2/images?cursor=nope", Api.READ).statusCode());
  }

  @Test
  void anUploadedImageIsPublishedStoredAndServed() throws Exception {
    byte[] png = Files.readAllBytes(Path.of(getClass().getResource("/pixel.png").toURI()));
    HttpResponse<String> r = api.upload(P + "2", Api.WRITE, "../../etc/door.png", "image/png", png);
    assertEquals(202, r.statusCode(), r.body());
    JsonNode body = Json.parse(r.body());
    assertEquals("door.png", body.get("filename").asText(), "the path is stripped");
    String location = r.headers().firstValue("Location").orElseThrow();
    await().atMost(Duration.ofSeconds(60)).until(() -> api.getBytes(location, Api.READ).statusCode() == 200);
    HttpResponse<byte[]> bytes = api.getBytes(location, Api.READ);
    assertEquals("image/png", bytes.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(Images.sha256Hex(png), Images.sha256Hex(bytes.body()));
  }

  @Test
  void healthIsOpenAndMetricsNeedAKey() throws Exception {
    HttpResponse<String> h = api.get("/health", null);
    assertEquals(200, h.statusCode(), h.body());
    assertEquals("UP", Json.parse(h.body()).get("status").asText());
    assertEquals(401, api.get("/prometheus", null).statusCode());
    assertEquals(403, api.get("/prometheus", Api.READ).statusCode(), "a reader's key is not a scraper's");
    HttpResponse<String> m = api.get("/prometheus", Api.METRICS);
    assertEquals(200, m.statusCode());
    assertTrue(m.body().contains("jvm_memory_used_bytes"), m.body().substring(0, Math.min(300, m.body().length())));
  }
}
