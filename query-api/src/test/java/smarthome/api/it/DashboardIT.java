package smarthome.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smarthome.common.devices.Device;
import smarthome.common.devices.DeviceType;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.Browser;
import smarthome.testkit.TestStack;

/**
 * The dashboard in headless Chromium against the real stack and the real worker: a refused key is
 * shown as a 401, the fleet lists the devices, a device page draws one chart per field with as many
 * points as the API returns for that range, a reading published meanwhile reaches the chart and
 * "last seen" within 5 s, a custom range typed in and submitted by keyboard is drawn as the API
 * answers it, a device whose traffic stops turns offline (in words) through the real
 * state processor, a fleet row shows a new reading within seconds, values and charts carry their
 * units, the page fits a phone's width, no request
 * leaves 127.0.0.1 and the console stays free of errors. Screenshots go to target/dashboard-*.png.
 */
class DashboardIT {
  static final int READINGS = 30;
  static final long OFFLINE_MIN_MS = 4000;
  /** Each chart's field, points drawn, range and interval, as the page marks them. */
  static final String CHARTS = "[...document.querySelectorAll('figure.chart')].map(f => ({field: f.dataset.field,"
      + " points: Number(f.dataset.points), start: f.dataset.start, end: f.dataset.end, interval: f.dataset.interval}))";

  @Test
  void fleetAndDevicePagesShowTheStoredAndLiveData(@TempDir Path dir) throws Exception {
    String prefix = "ui" + UUID.randomUUID().toString().substring(0, 6);
    String location = prefix + "_room";
    List<String> ids = List.of(prefix + "_1", prefix + "_2", prefix + "_3");
    String device = ids.get(0);
    // the page asks for up to 2,000 intervals, within the API's default cap (10,000); the ITs'
    // usual cap of 200 would have it narrow down through 422s, which the browser logs as errors
    try (Api api = Api.start(Map.of("API_MAX_RAW_POINTS", "2100"));
        StateProcessor state = StateProcessor.start("it-" + prefix, dir.resolve("state"), OFFLINE_MIN_MS);
        Publisher p = Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-ui"));
        Browser b = Browser.start(dir, 1280, 900)) {
      // Given three thermostats in one room, the first with 30 readings over the last 50 minutes
      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      for (String id : ids) {
        p.device(new Device(id, DeviceType.THERMOSTAT, location, "ecobee", "Premium", "1.0", null,
            now.minusSeconds(7200), now));
      }
      for (int i = 0; i < READINGS; i++) {
        p.reading(thermostat(device, now.minusSeconds(3000 - i * 100L), 20 + i * 0.1));
      }
      p.log(new LogEvent(UUID.randomUUID(), device, now.minusSeconds(60), LogLevel.WARN, "filter", "replace the filter"));
      p.flush();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
          Json.parse(api.get("/devices?location=" + location, Api.READ).body()).size() == 3
              && Json.parse(api.get("/devices/" + device + "/sensor-data", Api.READ).body()).size() == READINGS
              && Json.parse(api.get("/devices/" + device + "/logs", Api.READ).body()).size() == 1);
      String base = api.base.toString();

      // When a wrong key is entered, Then the page says the API refused it (401)
      b.navigate(base + "/");
      waitFor(b, "!document.getElementById('key-form').hidden");
      enterKey(b, "not-a-valid-key-00");
      waitFor(b, "document.getElementById('messages').textContent.includes('401')");
      b.errors.clear(); // the refused call is logged by the browser as a failed load, by design

      // When the read key is entered and the filter set to the room, Then the fleet lists the three
      enterKey(b, Api.READ);
      waitFor(b, "document.getElementById('devices').dataset.rows !== undefined");
      chooseLocation(b, location);
      waitFor(b, "document.getElementById('devices').dataset.rows === '3'");
      JsonNode rows = b.eval("[...document.querySelectorAll('#devices tbody tr')].map(r => r.dataset.device)");
      assertEquals(new TreeSet<>(ids), texts(rows));
      assertTrue(b.eval("Number(document.querySelector('#counts [data-status=unknown]').dataset.count)"
          + " + Number(document.querySelector('#counts [data-status=online]').dataset.count)"
          + " + Number(document.querySelector('#counts [data-status=offline]').dataset.count)").asInt() >= 3,
          "the counts include the devices");

      // When the second thermostat reports every 500 ms, Then its row says online (the first wait
      // also covers the state processor joining its group)
      String quiet = ids.get(1);
      String status = "document.querySelector('tr[data-device=\"" + quiet + "\"] .status').textContent";
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
        p.reading(thermostat(quiet, Instant.now().truncatedTo(ChronoUnit.MILLIS), 21));
        p.flush();
        return b.eval(status).asText().contains("online");
      });
      // When its traffic stops, Then the row says offline, in words, within seconds of the timeout
      Instant stopped = Instant.now();
      await().atMost(Duration.ofMillis(OFFLINE_MIN_MS + 10_000)).pollInterval(Duration.ofMillis(200))
          .until(() -> b.eval(status).asText().contains("offline"));
      System.out.printf("fleet page showed %s offline %d ms after its last reading (timeout %d ms)%n", quiet,
          Duration.between(stopped, Instant.now()).toMillis(), OFFLINE_MIN_MS);
      // When a reading of the third arrives, Then its row shows it within the refresh period (plus
      // the state processor's second), the shown page being read again every 5 s
      String row = "document.querySelector('tr[data-device=\"" + ids.get(2) + "\"]')";
      int refreshes = b.eval("Number(document.getElementById('devices').dataset.refreshes || 0)").asInt();
      p.reading(thermostat(ids.get(2), Instant.now().truncatedTo(ChronoUnit.MILLIS), 33.3));
      p.flush();
      await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() ->
          b.eval(row + ".querySelector('.latest').textContent").asText().contains("temperature 33.3 °C")
              && b.eval("Number(document.getElementById('devices').dataset.refreshes)").asInt() > refreshes);
      // And its latest values carry the units GET /device-fields gives
      assertEquals("humidity 45%, pressure 1012 hPa, temperature 21 °C", sorted(b.eval(
          "document.querySelector('tr[data-device=\"" + quiet + "\"] .latest').textContent").asText()));
      b.screenshot(Path.of("target", "dashboard-fleet.png"));

      // When the device page opens (1 h: raw), Then one chart per field holds the API's points
      b.navigate(base + "/ui/device.html?id=" + URLEncoder.encode(device, StandardCharsets.UTF_8));
      waitFor(b, "document.getElementById('charts').dataset.state === 'drawn'"
          + " && document.getElementById('live-state').dataset.live === 'ready'"
          + " && document.getElementById('logs').dataset.rows === '1'");
      JsonNode charts = b.eval("[...document.querySelectorAll('figure.chart')].map(f => ({field: f.dataset.field,"
          + " points: Number(f.dataset.points), start: f.dataset.start, end: f.dataset.end,"
          + " interval: f.dataset.interval, unit: f.dataset.unit, canvas: !!f.querySelector('canvas')}))");
      assertEquals(Set.of("temperature", "humidity", "pressure"), texts(charts.findValues("field")));
      assertEquals(Set.of("temperature °C", "humidity %", "pressure hPa"), texts(charts.findValues("field"),
          charts.findValues("unit")), "each chart's unit, as GET /device-fields has it");
      for (JsonNode c : charts) {
        assertTrue(c.get("canvas").asBoolean(), "uPlot drew " + c);
        assertEquals(READINGS, c.get("points").asInt(), "every reading of the hour, raw: " + c);
        assertEquals(apiPoints(api, device, c), c.get("points").asInt(), "the page drew what the API returned: " + c);
      }
      assertTrue(b.eval("document.getElementById('delete').hidden").asBoolean(), "a read key sees no delete button");

      // When the 24 h range is chosen, Then the interval keeps each series within the API's cap
      b.eval("document.querySelector('input[name=range][value=\"86400\"]').click()");
      waitFor(b, "document.querySelector('figure.chart').dataset.interval !== ''"
          + " && document.getElementById('charts').dataset.state === 'drawn'");
      for (JsonNode c : b.eval(CHARTS)) {
        assertEquals(apiPoints(api, device, c), c.get("points").asInt(), "downsampled as the API answered: " + c);
        assertTrue(c.get("points").asInt() > 0 && c.get("points").asInt() <= READINGS, c.toString());
        assertEquals("44s", c.get("interval").asText(), "24 h in at most 2,000 intervals: " + c);
      }

      // When a reading is published now, Then the chart and "last seen" show it within 5 s
      Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      p.reading(thermostat(device, t, 77.5));
      p.flush();
      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() ->
          b.eval("document.querySelector('figure[data-field=temperature]').dataset.last").asText().equals("77.5"));
      assertEquals(t, Instant.parse(b.eval("document.getElementById('last-seen').dataset.since").asText()),
          "last seen is the new reading's time");
      assertTrue(b.eval("document.getElementById('last-seen').textContent").asText().endsWith("s ago"));
      b.screenshot(Path.of("target", "dashboard-device.png"));

      // When a custom range, 2 h ending 10 min ago, is typed in and submitted with the keyboard,
      // Then the charts hold the API's points for it, in intervals of ceil(7200 s / 2000) = 4 s
      b.eval("(() => { const f = document.getElementById('custom-range').elements;"
          + " const local = (t) => new Date(t - new Date(t).getTimezoneOffset() * 60000).toISOString().slice(0, 16);"
          + " const to = Date.now() - 600000; f.to.value = local(to); f.from.value = local(to - 7200000);"
          + " document.querySelector('#custom-range button').focus(); })()");
      b.pressEnter();
      waitFor(b, "document.querySelector('figure.chart').dataset.interval === '4s'"
          + " && document.getElementById('charts').dataset.state === 'drawn'");
      assertTrue(b.eval("document.getElementById('range-custom').checked").asBoolean(), "the custom range is the chosen one");
      for (JsonNode c : b.eval(CHARTS)) {
        assertEquals(Duration.ofHours(2), Duration.between(Instant.parse(c.get("start").asText()),
            Instant.parse(c.get("end").asText())), "the typed range: " + c);
        assertEquals("4s", c.get("interval").asText(), c.toString());
        assertTrue(c.get("points").asInt() > 0, "readings of the test fall in the range: " + c);
        assertEquals(apiPoints(api, device, c), c.get("points").asInt(), "the page drew what the API returned: " + c);
      }

      // At a phone's width nothing but the tables' own scroll boxes is wider than the screen
      ObjectNode phone = new ObjectMapper().createObjectNode().put("width", 390).put("height", 844)
          .put("deviceScaleFactor", 1).put("mobile", true);
      b.send("Emulation.setDeviceMetricsOverride", phone);
      b.eval("new Promise(r => setTimeout(r, 500))");
      assertTrue(b.eval("document.documentElement.scrollWidth <= window.innerWidth").asBoolean(),
          "the device page fits 390 px");
      b.screenshot(Path.of("target", "dashboard-device-phone.png"));
      b.navigate(base + "/ui/");
      waitFor(b, "document.getElementById('devices').dataset.rows !== undefined");
      chooseLocation(b, location);
      waitFor(b, "document.getElementById('devices').dataset.rows === '3'");
      assertTrue(b.eval("document.documentElement.scrollWidth <= window.innerWidth").asBoolean(),
          "the fleet page fits 390 px");
      b.screenshot(Path.of("target", "dashboard-fleet-phone.png"));

      int port = api.base.getPort();
      assertFalse(b.requests.isEmpty(), "the page's requests were recorded");
      for (String url : b.requests) {
        assertTrue(url.startsWith("http://127.0.0.1:" + port + "/") || url.startsWith("data:")
            || url.startsWith("blob:") || url.equals("about:blank"), "request left 127.0.0.1: " + url);
      }
      assertEquals(List.of(), b.errors, "no console error");
    }
  }

  /** What the API returns for a chart's own range and interval: the values of its field. */
  static int apiPoints(Api api, String device, JsonNode chart) throws Exception {
    String q = "/devices/" + device + "/sensor-data?limit=2100&start_time=" + chart.get("start").asText()
        + "&end_time=" + chart.get("end").asText()
        + (chart.get("interval").asText().isEmpty() ? "" : "&interval=" + chart.get("interval").asText());
    int n = 0;
    for (JsonNode row : Json.parse(api.get(q, Api.READ).body())) {
      if (row.hasNonNull(chart.get("field").asText())) {
        n++;
      }
    }
    return n;
  }

  static void chooseLocation(Browser b, String location) throws Exception {
    b.eval("(() => { const s = document.querySelector('select[name=location]');"
        + " s.value = " + js(location) + "; s.dispatchEvent(new Event('change', {bubbles: true})); })()");
  }

  static void enterKey(Browser b, String key) throws Exception {
    b.eval("(() => { const f = document.getElementById('key-form'); f.querySelector('input').value = "
        + js(key) + "; f.requestSubmit(); })()");
  }

  static void waitFor(Browser b, String condition) throws Exception {
    try {
      // ignoring exceptions: an element is missing while the page still loads
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> b.eval("!!(" + condition + ")").asBoolean());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(condition + " never held; page " + b.eval("location.href + ' says: '"
          + " + (document.getElementById('messages') || document.body).textContent.slice(0, 500)")
          + "; errors " + b.errors, e);
    }
  }

  static String js(String s) throws Exception {
    return new ObjectMapper().writeValueAsString(s);
  }

  static Set<String> texts(Iterable<JsonNode> nodes) {
    Set<String> out = new TreeSet<>();
    nodes.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The fields of a "latest values" cell in name order, so the test does not depend on map order. */
  static String sorted(String latest) {
    return String.join(", ", new TreeSet<>(List.of(latest.split(", "))));
  }

  static Set<String> texts(List<JsonNode> names, List<JsonNode> units) {
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(names.get(i).asText() + " " + units.get(i).asText());
    }
    return out;
  }

  static Reading thermostat(String id, Instant t, double temperature) {
    return new Reading(UUID.randomUUID(), id, DeviceType.THERMOSTAT, t,
        Map.of("temperature", temperature, "humidity", 45.0, "pressure", 1012.0));
  }
}
