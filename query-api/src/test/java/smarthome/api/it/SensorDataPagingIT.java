package smarthome.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.TestStack;

/**
 * 50,000 raw points of one device, published to Kafka and stored by the real worker, read back
 * with the seed's default call (no parameters: the last 24 h) and its Link headers: every point
 * exactly once, oldest first.
 */
class SensorDataPagingIT {
  static final int POINTS = 50_000;

  @Test
  void theDefaultCallPagesThroughEveryPointOnceInOrder() throws Exception {
    String id = "pg" + UUID.randomUUID().toString().substring(0, 8);
    Instant first = Instant.now().minus(23, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    try (Api api = Api.start(); Publisher p = Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-paging"))) {
      for (int i = 0; i < POINTS; i++) {
        p.reading(StateIT.thermostat(id, first.plusSeconds(i), 20.0 + (i % 100) / 10.0));
      }
      p.flush();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
        HttpResponse<String> c = api.get("/devices/" + id + "/sensor-data?interval=1d&fn=count", Api.READ);
        return c.statusCode() == 200
            && Json.parse(c.body()).findValues("temperature").stream().mapToInt(JsonNode::asInt).sum() == POINTS;
      });

      List<Instant> seen = new ArrayList<>(POINTS);
      String next = "/devices/" + id + "/sensor-data";
      int pages = 0;
      while (next != null) {
        HttpResponse<String> r = api.get(next, Api.READ);
        assertEquals(200, r.statusCode(), next + ": " + r.body());
        JsonNode rows = Json.parse(r.body());
        assertTrue(rows.size() <= 200, "a page holds at most API_MAX_RAW_POINTS (200 in the tests)");
        for (JsonNode row : rows) {
          seen.add(Instant.parse(row.get("timestamp").asText()));
        }
        next = r.headers().firstValue("Link").map(l -> l.substring(1, l.indexOf('>'))).orElse(null);
        pages++;
      }
      assertEquals(POINTS, seen.size(), "every point once");
      for (int i = 0; i < POINTS; i++) {
        assertEquals(first.plusSeconds(i), seen.get(i), "point " + i + " in order");
      }
      assertEquals(POINTS / 200, pages);

      // a smaller page, in the middle of the series, also pins the range and carries the cursor
      HttpResponse<String> small = api.get("/devices/" + id + "/sensor-data?limit=3&start_time="
          + first.plusSeconds(10).toEpochMilli(), Api.READ);
      assertEquals(3, Json.parse(small.body()).size());
      String link = small.headers().firstValue("Link").orElseThrow();
      assertTrue(link.matches("</devices/" + id + "/sensor-data\\?limit=3&cursor=[A-Za-z0-9_-]+"
          + "&start_time=[^&]+&end_time=[^&>]+>; rel=\"next\""), link);
      JsonNode second = Json.parse(api.get(link.substring(1, link.indexOf('>')), Api.READ).body());
      assertEquals(first.plusSeconds(13).toString(), Instant.parse(second.get(0).get("timestamp").asText()).toString());

      // bad paging input: 422 for a limit out of range, 400 for a cursor this API did not issue
      assertEquals(422, api.get("/devices/" + id + "/sensor-data?limit=201", Api.READ).statusCode());
      assertEquals(422, api.get("/devices/" + id + "/sensor-data?limit=0", Api.READ).statusCode());
      String cursor = link.substring(link.indexOf("cursor=") + 7, link.indexOf("&start_time"));
      for (String bad : new String[] {cursor.substring(0, cursor.length() - 1) + (cursor.endsWith("A") ? "B" : "A"),
          "garbage", "%00"}) {
        HttpResponse<String> r = api.get("/devices/" + id + "/sensor-data?cursor=" + bad, Api.READ);
        assertEquals(400, r.statusCode(), bad + ": " + r.body());
      }
      HttpResponse<String> wrongList = api.get("/devices/" + id + "/logs?cursor="
          + URLEncoder.encode(cursor, StandardCharsets.UTF_8), Api.READ);
      assertEquals(400, wrongList.statusCode(), "a sensor-data cursor on logs: " + wrongList.body());
    }
  }
}
