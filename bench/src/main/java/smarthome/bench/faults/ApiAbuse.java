package smarthome.bench.faults;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import smarthome.common.kafka.TopicSpec;
import smarthome.common.kafka.Topics;
import smarthome.testkit.ApiClient;
import smarthome.testkit.Stores;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * 7. Hostile requests: injection strings in ids and parameters, traversal, oversized bodies and
 * parameters, wrong media types, bad and reversed times, enormous ranges, missing, wrong and
 * under-privileged keys, tampered cursors, OPTIONS/HEAD/TRACE, scoped keys reaching other devices,
 * rate limits ({@link AbuseCases}, {@link AbuseProbes}). Each must get its 4xx (never a 5xx) and
 * leave all four stores unchanged.
 */
final class ApiAbuse {
  private final Harness h;
  private final ApiProcess api;
  final List<String> failures = new ArrayList<>();

  ApiAbuse(Harness h, ApiProcess api) {
    this.h = h;
    this.api = api;
  }

  record Req(String method, String path, String key, int expect, String contentType, byte[] body) {
    static Req get(String path, String key, int expect) {
      return new Req("GET", path, key, expect, null, null);
    }
  }

  Outcome run(String knownDevice) throws Exception {
    Map<String, Object> before = fingerprint();
    List<Req> corpus = corpus(knownDevice);
    corpus.addAll(AbuseCases.cases(knownDevice, HOSTILE_IDS));
    int wrong5xx = 0;
    int ok = 0;
    for (Req r : corpus) {
      int status = send(r);
      if (status >= 500) {
        wrong5xx++;
      }
      if (status == r.expect()) {
        ok++;
      } else {
        failures.add(r.method() + " " + cut(r.path()) + " -> " + status + " (expected " + r.expect() + ")");
      }
    }
    // an oversized upload, over a socket so the early answer is read while the body is still going
    String big = api.rawUpload(knownDevice, ApiProcess.WRITE, new byte[11 * 1024 * 1024])[0];
    if (big != null && big.startsWith("HTTP/1.1 413")) {
      ok++;
    } else {
      failures.add("POST 11 MiB upload -> " + big + " (expected 413)");
    }
    ok += AbuseProbes.run(api, knownDevice, failures);
    int total = corpus.size() + 1 + AbuseProbes.COUNT;
    Map<String, Object> after = fingerprint();
    boolean unchanged = before.equals(after);
    if (!unchanged) {
      failures.add("store fingerprint changed: " + before + " -> " + after);
    }
    return new Outcome("API abuse (" + total + " requests)", total, ok, total - ok, 0, 0,
        ok == total && wrong5xx == 0 && unchanged,
        ok + " answered as expected, " + wrong5xx + " 5xx, stores " + (unchanged ? "unchanged" : "CHANGED"));
  }

  static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  static final String[] HOSTILE_IDS = {"a'b", "a\"b", "x' OR '1'='1", "1; DROP TABLE devices; --", "/.*/", "..",
      "a\nb", "a\rb", "d".repeat(65), "caf\u00e9", "a b", "<script>alert(1)</script>", "a\\b", "-leading",
      "_leading", "a%00b", "${jndi:ldap://x}", "a\"); DELETE FROM sensor_data; --", "a|b", "*"};

  private List<Req> corpus(String dev) {
    String R = ApiProcess.READ;
    String W = ApiProcess.WRITE;
    String A = ApiProcess.ADMIN;
    List<Req> c = new ArrayList<>();
    String[] hostileIds = HOSTILE_IDS;
    for (String id : hostileIds) {
      String e = enc(id);
      for (String suffix : new String[] {"", "/sensor-data", "/logs", "/images", "/log-archives"}) {
        c.add(Req.get("/devices/" + e + suffix, R, 400));
      }
      c.add(new Req("DELETE", "/devices/" + e, A, 400, null, null));
    }
    // (a date alone, a time without offset and an integer are accepted forms since issue 17)
    String[] badTimes = {"yesterday", "01/01/2026", "2026-01-01 00:00:00", "2026-13-01T00:00:00Z",
        "2026-01-32T00:00:00Z", "1' OR '1'='1", "now()", "2026-01-01T25:00:00Z", "0x10", "-1"};
    for (String t : badTimes) {
      c.add(Req.get("/devices/" + dev + "/sensor-data?start_time=" + enc(t), R, 400));
      c.add(Req.get("/devices/" + dev + "/logs?end_time=" + enc(t), R, 400));
    }
    c.add(Req.get("/devices/" + dev + "/sensor-data?start_time=2026-06-02T00:00:00Z&end_time=2026-06-01T00:00:00Z", R, 422));
    c.add(Req.get("/devices/" + dev + "/logs?start_time=2026-06-02T00:00:00Z&end_time=2026-06-01T00:00:00Z", R, 422));
    c.add(Req.get("/devices/" + dev + "/sensor-data?start_time=1900-01-01T00:00:00Z", R, 422));
    c.add(Req.get("/devices/" + dev + "/sensor-data?end_time=9999-12-31T00:00:00Z", R, 422));
    c.add(Req.get("/devices/" + dev + "/sensor-data?start_time=1970-01-01T00:00:00Z&end_time=2261-12-31T00:00:00Z&interval=1s", R, 422));
    for (String interval : new String[] {"1x", "0s", "-5m", "1h) fill(0); DROP DATABASE smarthome; --", "1.5h", "h", "400d"}) {
      c.add(Req.get("/devices/" + dev + "/sensor-data?interval=" + enc(interval), R,
          interval.equals("400d") ? 422 : 400));
    }
    for (String fn : new String[] {"median", "mean(temperature)", "sum; DROP", "*"}) {
      c.add(Req.get("/devices/" + dev + "/sensor-data?interval=1h&fn=" + enc(fn), R, 422));
    }
    c.add(Req.get("/devices/" + dev + "/sensor-data?fn=mean", R, 422));
    for (String limit : new String[] {"0", "-1", "1001", "99999999999", "abc", "1e3", "10; DROP"}) {
      int expect = limit.matches("-?[0-9]+") && limit.length() < 10 ? 422 : 400;
      c.add(Req.get("/devices?limit=" + enc(limit), R, expect));
      c.add(Req.get("/devices/" + dev + "/logs?limit=" + enc(limit), R, expect));
    }
    c.add(Req.get("/devices?device_type=toaster", R, 422));
    c.add(Req.get("/devices?device_type=" + enc("thermostat' OR '1'='1"), R, 422));
    c.add(Req.get("/devices?status=sleeping", R, 422));
    c.add(Req.get("/devices?after=" + enc("../x"), R, 400));
    c.add(Req.get("/devices?location=" + enc("a\u0000b"), R, 400));
    c.add(Req.get("/devices?location=" + "x".repeat(200), R, 400));
    c.add(Req.get("/devices/" + dev + "/logs?level=LOUD", R, 422));
    c.add(Req.get("/devices/" + dev + "/logs?cursor=" + enc("not-a-cursor"), R, 400));
    c.add(Req.get("/devices/" + dev + "/images/not-a-uuid", R, 400));
    c.add(Req.get("/devices/" + dev + "/images/" + enc("../../etc/passwd"), R, 400));
    c.add(Req.get("/devices/" + dev + "/sensor-data?interval=" + "1".repeat(3000) + "s", R, 400));
    // keys
    c.add(Req.get("/devices", null, 401));
    c.add(Req.get("/devices/" + dev, null, 401));
    c.add(Req.get("/prometheus", null, 401));
    c.add(Req.get("/devices", "wrong-key-0000000", 401));
    c.add(new Req("GET", "/devices", "Basic YWRtaW46YWRtaW4=", 401, null, null));
    c.add(new Req("POST", "/generate-and-store", R, 403, null, null));
    c.add(new Req("POST", "/generate-and-store?num_devices=1", null, 401, null, null));
    c.add(new Req("DELETE", "/devices/" + dev, R, 403, null, null));
    c.add(new Req("DELETE", "/devices/" + dev, W, 403, null, null));
    c.add(new Req("DELETE", "/devices/" + dev, null, 401, null, null));
    c.add(new Req("POST", "/devices/" + dev + "/images", R, 403, "multipart/form-data; boundary=x", "--x--".getBytes()));
    // generate-and-store values
    for (String n : new String[] {"0", "1001", "-3", "99999999999", "abc", "5; DROP", ""}) {
      int expect = n.isEmpty() ? 400 : n.matches("-?[0-9]+") && n.length() < 10 ? 422 : 400;
      if (n.isEmpty()) {
        c.add(new Req("POST", "/generate-and-store?id_prefix=" + enc("bad id"), W, 400, null, null));
      } else {
        c.add(new Req("POST", "/generate-and-store?num_devices=" + enc(n), W, expect, null, null));
      }
    }
    // media types and bodies
    c.add(new Req("POST", "/devices/" + dev + "/images", W, 415, "text/plain", "hello".getBytes()));
    c.add(new Req("POST", "/devices/" + dev + "/images", W, 415, "application/json", "{}".getBytes()));
    c.add(new Req("POST", "/devices/" + dev + "/images", W, 415, null, "raw".getBytes()));
    c.add(new Req("POST", "/devices/" + dev + "/images", W, 415, "multipart/form-data; boundary=b",
        multipart("b", "notes.txt", "just text".getBytes())));
    c.add(new Req("POST", "/devices/" + dev + "/images", W, 415, "multipart/form-data; boundary=b",
        multipart("b", "x.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes())));
    c.add(new Req("POST", "/devices/" + dev + "/images", W, 400, "multipart/form-data; boundary=b",
        multipart("b", "empty.png", new byte[0])));
    // routes and methods
    c.add(Req.get("/devices/../../etc/passwd", R, 404));
    c.add(Req.get("/etc/passwd", R, 404));
    c.add(Req.get("/admin", R, 404));
    c.add(new Req("PUT", "/devices/" + dev, A, 405, null, null));
    c.add(new Req("PATCH", "/devices", A, 405, null, null));
    c.add(new Req("POST", "/devices", A, 405, null, null));
    c.add(new Req("DELETE", "/devices", A, 405, null, null));
    return c;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E")
        .replace("*", "%2A");
  }

  static byte[] multipart(String boundary, String filename, byte[] content) {
    return ApiClient.multipart(boundary, "file", filename, "application/octet-stream", content);
  }

  private int send(Req r) throws Exception {
    boolean basic = r.key() != null && r.key().startsWith("Basic ");
    HttpRequest.Builder b = api.request(r.path(), basic ? null : r.key()).timeout(Duration.ofSeconds(30));
    if (basic) {
      b.header("Authorization", r.key());
    }
    if (r.contentType() != null) {
      b.header("Content-Type", r.contentType());
    }
    b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(r.body()));
    try {
      HttpResponse<String> resp = api.send(b.build());
      boolean head = r.method().equals("HEAD"); // no body to carry the shape
      if (resp.statusCode() >= 400 && !head && !resp.body().contains("\"status\":" + resp.statusCode())) {
        failures.add(r.method() + " " + cut(r.path()) + ": " + resp.statusCode() + " without the error shape");
      }
      return resp.statusCode();
    } catch (IllegalArgumentException e) {
      return -1; // the client refused to send it: counts as not answered as expected
    }
  }

  /** Counts and sums of every store, and Kafka's end offsets: equal before and after, or something got in. */
  Map<String, Object> fingerprint() throws Exception {
    Map<String, Object> f = new LinkedHashMap<>();
    // the counts of every field, without the time column
    f.put("influxdb", Stores.rows(h.stores.influxQuery("SELECT count(*) FROM sensor_data")).stream()
        .map(row -> row.subList(1, row.size())).toList());
    for (String table : new String[] {"devices", "system_logs", "device_images", "device_deletions", "device_state"}) {
      f.put("postgres." + table, h.stores.count("select count(*) from " + table));
    }
    List<S3Object> objects = h.stores.objects("");
    f.put("s3.objects", (long) objects.size());
    f.put("s3.bytes", objects.stream().mapToLong(S3Object::size).sum());
    try (Admin admin = Admin.create(h.stack.kafka().clientProperties("faults-fingerprint"))) {
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      for (TopicSpec<?> t : Topics.all()) {
        for (var p : admin.describeTopics(List.of(t.name())).allTopicNames().get().get(t.name()).partitions()) {
          latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest());
        }
      }
      Map<String, Long> offsets = new TreeMap<>();
      admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> offsets.merge(tp.topic(), info.offset(), Long::sum));
      f.put("kafka", offsets);
    }
    return f;
  }
}
