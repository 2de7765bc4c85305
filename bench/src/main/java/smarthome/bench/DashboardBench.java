package smarthome.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import smarthome.testkit.ApiClient;
import smarthome.testkit.Browser;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.StackSettings;
import smarthome.testkit.Stores;

/**
 * dashboard: how soon the dashboard is usable with a fleet of 1,000 devices and one thermostat
 * with 30 days of readings (one a minute, 43,200), in Debian's headless Chromium against the API
 * (its own process). Usable is the page's own performance mark, in ms since navigation started:
 * fleet-table (counts over every device, the first page of the table drawn) and charts-drawn (the
 * device page opened on its 30 d range: the API's means per interval drawn by uPlot). Figures
 * only, never an assertion: the first (cold) run and the median and max of the warm ones. The
 * per-key stream cap is raised: each opening leaves streams the API closes only once it notices.
 */
public final class DashboardBench {
  static final String KEY = "bench-read-key-0001";
  static final String DEVICE = "dbench_0000";
  static final int DAYS = 30;

  private DashboardBench() {}

  public static Result run(StackSettings stack, Stores stores, int devices, int runs) throws Exception {
    seed(stack, stores, devices);
    int port = stack.portBase() + 1;
    ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + port));
    String base = client.base.toString();
    List<Double> fleet = new ArrayList<>();
    List<Double> device = new ArrayList<>();
    int points;
    Path dir = Files.createTempDirectory("dashboard-bench");
    try (JavaProcess server = Launch.api("bench-dashboard-api", stack, Map.of("API_KEYS", "read:" + KEY,
        "API_PORT", Integer.toString(port), "API_LIVE_MAX_PER_KEY", "200"), Launch.jvmOptions("BENCH_API_JVM_ARGS", "-Xmx384m"));
        Browser b = Browser.start(dir, 1280, 900)) {
      client.awaitHealthy(server);
      b.navigate(base + "/ui/");
      await(b, "document.readyState === 'complete'");
      b.eval("sessionStorage.setItem('smarthome.api-key', '" + KEY + "')");
      String devicePage = base + "/ui/device.html?id=" + DEVICE + "&range=" + DAYS * 86400;
      for (int i = 0; i < runs; i++) {
        fleet.add(open(b, base + "/ui/", "fleet-table"));
        int rows = b.eval("Number(document.getElementById('devices').dataset.rows)").asInt();
        if (rows != 50) {
          throw new IllegalStateException("the fleet page shows " + rows + " rows, not a page of 50");
        }
        device.add(open(b, devicePage, "charts-drawn"));
      }
      points = b.eval("Math.max(...[...document.querySelectorAll('figure.chart')].map(f => Number(f.dataset.points)))").asInt();
      if (points == 0 || !b.errors.isEmpty()) {
        throw new IllegalStateException("the pages did not show the data: points " + points + ", errors " + b.errors);
      }
    }
    return new Result("dashboard")
        .put("fleet_first_ms", fleet.get(0))
        .put("fleet_median_ms", median(fleet.subList(1, fleet.size())))
        .put("fleet_max_ms", Collections.max(fleet.subList(1, fleet.size())))
        .put("device_30d_first_ms", device.get(0))
        .put("device_30d_median_ms", median(device.subList(1, device.size())))
        .put("device_30d_max_ms", Collections.max(device.subList(1, device.size())))
        .detail("devices", devices)
        .detail("readings", DAYS * 1440)
        .detail("points_per_chart", points)
        .detail("runs", runs)
        .detail("fleet_ms", fleet)
        .detail("device_30d_ms", device);
  }

  /** Navigates and waits for the page's mark; its time since the navigation started. */
  static double open(Browser b, String url, String mark) throws Exception {
    b.navigate("about:blank");
    await(b, "location.href === 'about:blank'");
    b.navigate(url);
    String entry = "performance.getEntriesByName('" + mark + "')[0]";
    await(b, "location.href === '" + url + "' && !!" + entry);
    double ms = b.eval(entry + ".startTime").asDouble();
    if (ms > 2000) {
      // what kept it: each request's start, wait for a connection and duration
      System.out.println(mark + " after " + Math.round(ms) + " ms; requests: " + b.eval("performance.getEntriesByType"
          + "('resource').map(r => r.name.replace(location.origin, '') + ' start ' + Math.round(r.startTime)"
          + " + ' connect ' + Math.round(r.connectEnd - r.startTime) + ' ttfb ' + Math.round(r.responseStart - r.startTime)"
          + " + ' took ' + Math.round(r.duration)).join('\\n')").asText().replace("\n", "\n  "));
    }
    return ms;
  }

  static void await(Browser b, String condition) throws Exception {
    long until = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        JsonNode ok = b.eval("!!(" + condition + ")");
        if (ok.asBoolean()) {
          return;
        }
      } catch (IllegalStateException e) {
        // the page is between documents
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException(condition + " never held; errors " + b.errors);
      }
      Thread.sleep(20);
    }
  }

  /**
   * devices devices of the five types in 20 rooms straight into PostgreSQL, and 30 days of the
   * first one's readings straight into InfluxDB (what the workers would have stored).
   */
  static void seed(StackSettings stack, Stores stores, int devices) throws Exception {
    stores.exec("insert into devices select 'dbench_' || lpad(g::text, 4, '0'), "
        + "(array['thermostat','camera','motion_sensor','door_lock','smart_plug'])[1 + g % 5], "
        + "'room_' || (g % 20), 'acme', 'M1', '1.0', null, now(), now() from generate_series(0, ?) g "
        + "on conflict (device_id) do nothing", devices - 1);
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(DAYS, ChronoUnit.DAYS);
    HttpClient http = HttpClient.newHttpClient();
    URI write = URI.create(stack.influx().url() + "/write?db=" + stack.influx().database() + "&precision=ms");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < DAYS * 1440; i++) {
      long t = start.plus(i, ChronoUnit.MINUTES).toEpochMilli();
      lines.append("sensor_data,device_id=").append(DEVICE).append(",device_type=thermostat temperature=")
          .append(20 + 3 * Math.sin(i / 229.0)).append(",humidity=").append(40 + i % 20).append(".0,pressure=1010.5 ")
          .append(t).append('\n');
      if (lines.length() > 500_000 || i == DAYS * 1440 - 1) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(write)
            .POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
          throw new IllegalStateException("InfluxDB /write answered " + r.statusCode() + ": " + r.body());
        }
        lines.setLength(0);
      }
    }
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
