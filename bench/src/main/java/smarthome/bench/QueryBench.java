package smarthome.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import smarthome.testkit.ApiClient;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.StackSettings;
import smarthome.testkit.Stores;

/**
 * query: GET /devices/{id}/sensor-data over 24 h at one reading a minute (1,440 rows), through the
 * API (its own process), against the same InfluxQL sent straight to InfluxDB /query; closed-loop
 * load, same threads and duration for both.
 */
public final class QueryBench {
  static final String DEVICE = "qbench_1";
  static final String KEY = "bench-read-key-0001";

  private QueryBench() {}

  public static Result run(StackSettings stack, Stores stores, int threads, int seconds) throws Exception {
    Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(24, ChronoUnit.HOURS);
    // one thermostat with a reading a minute for the last 24 h, written straight to the stores
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 1440; i++) {
      long t = start.plus(i, ChronoUnit.MINUTES).toEpochMilli();
      lines.append("sensor_data,device_id=").append(DEVICE).append(",device_type=thermostat temperature=")
          .append(20 + (i % 50) / 10.0).append(",humidity=").append(40 + i % 20).append(".0,pressure=1010.5 ")
          .append(t).append('\n');
    }
    HttpClient http = HttpClient.newHttpClient();
    http.send(HttpRequest.newBuilder(URI.create(stack.influx().url() + "/write?db=" + stack.influx().database()
        + "&precision=ms")).POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(),
        HttpResponse.BodyHandlers.discarding());
    stores.exec("insert into devices values (?, 'thermostat', 'hallway', 'ecobee', 'Premium', '1.0', null, ?, ?) "
        + "on conflict (device_id) do nothing", DEVICE, Timestamp.from(start), Timestamp.from(start));
    int port = stack.portBase() + 1;
    String range = "start_time=" + start + "&end_time=" + end;
    ApiClient client = new ApiClient(URI.create("http://127.0.0.1:" + port));
    String apiPath = "/devices/" + DEVICE + "/sensor-data?" + range;
    URI apiUri = URI.create(client.base + apiPath);
    // the very statement the API sends for a thermostat (same fields, same limit)
    String q = smarthome.common.store.InfluxQueries.raw(smarthome.common.devices.DeviceType.THERMOSTAT, 10_001);
    String params = "{\"id\":\"" + DEVICE + "\",\"s\":" + start.toEpochMilli() * 1_000_000 + ",\"e\":"
        + end.toEpochMilli() * 1_000_000 + "}";
    URI influxUri = URI.create(stack.influx().url() + "/query?db=" + stack.influx().database() + "&epoch=ms&q="
        + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&params=" + URLEncoder.encode(params, StandardCharsets.UTF_8));

    Load.Outcome api;
    Load.Outcome influx;
    try (JavaProcess server = Launch.api("bench-query-api", stack, Map.of("API_KEYS", "read:" + KEY,
        "API_PORT", Integer.toString(port)), Launch.jvmOptions("BENCH_API_JVM_ARGS", "-Xmx384m"))) {
      client.awaitHealthy(server);
      HttpResponse<String> check = client.get(apiPath, KEY);
      int rows = check.body().split("\"timestamp\"").length - 1;
      if (check.statusCode() != 200 || rows != 1440) {
        throw new IllegalStateException("the API answered " + check.statusCode() + " with " + rows + " rows");
      }
      Duration warm = Duration.ofSeconds(10); // the API JVM compiles its hot paths in the first seconds
      Duration measure = Duration.ofSeconds(seconds);
      CpuUse.settle(Duration.ofSeconds(60));
      influx = Load.run(threads, warm, measure, () -> HttpRequest.newBuilder(influxUri).build());
      CpuUse.settle(Duration.ofSeconds(30));
      // built like the InfluxDB requests (no client timeout), so both sides pay the same client costs
      api = Load.run(threads, warm, measure, () -> HttpRequest.newBuilder(apiUri)
          .header("Authorization", "Bearer " + KEY).build());
    }
    Charts.latency("query.png", "sensor-data, 1,440 rows: latency", List.of("API", "InfluxDB /query"),
        List.of(api.latencyMicros(), influx.latencyMicros()));
    return new Result("query")
        .put("p99_ratio", api.ms(99) / influx.ms(99))
        .put("api_p99_ms", api.ms(99))
        .put("influx_p99_ms", influx.ms(99))
        .put("api_p50_ms", api.ms(50))
        .put("influx_p50_ms", influx.ms(50))
        // what the API adds at the median: its own work on a request (target ≤ 4 ms)
        .put("api_p50_overhead_ms", api.ms(50) - influx.ms(50))
        .put("api_rps", api.rps())
        .put("influx_rps", influx.rps())
        .detail("threads", threads)
        .detail("seconds", seconds)
        .detail("rows_per_request", 1440)
        .detail("api_failures", api.failures())
        .detail("influx_failures", influx.failures());
  }
}
