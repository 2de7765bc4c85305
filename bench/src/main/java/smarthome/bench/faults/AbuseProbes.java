package smarthome.bench.faults;

import java.net.http.HttpResponse;
import java.util.List;
import smarthome.testkit.ApiClient;

/**
 * The abuse checks that take more than one request or a raw socket: a key past its rate, and an
 * over-large upload from a client that waits for 100 Continue and from one that sends everything
 * before it reads (Python's urllib does).
 */
final class AbuseProbes {
  /** Requests these probes send, each counted in the corpus total. */
  static final int COUNT = 7;
  private static final int RATE_CALLS = 5;

  private AbuseProbes() {}

  /** How many of the {@link #COUNT} requests were answered as expected; the rest go to failures. */
  static int run(ApiProcess api, String dev, List<String> failures) throws Exception {
    int ok = 0;
    // the metrics key may make 2 calls a minute: of 5 in a row at least one is refused
    int refused = 0;
    for (int i = 0; i < RATE_CALLS; i++) {
      HttpResponse<String> r = api.get("/prometheus", ApiProcess.METRICS);
      boolean headers = r.headers().firstValue("RateLimit").isPresent();
      if (r.statusCode() == 429 && headers && r.headers().firstValue("Retry-After").isPresent()) {
        refused++;
        ok++;
      } else if (r.statusCode() == 200 && headers) {
        ok++;
      } else {
        failures.add("GET /prometheus (rate) -> " + r.statusCode() + " " + r.headers().map());
      }
    }
    if (refused == 0) {
      failures.add("5 calls of a 2-a-minute key: none refused with 429");
      ok -= RATE_CALLS;
    }
    long big = 13L * 1024 * 1024;
    String expect = exchange(api, head(dev, "----x", big, true), null);
    ok += check(failures, "POST 13 MiB with Expect: 100-continue", expect);
    byte[] image = new byte[(int) big];
    image[0] = (byte) 0xFF;
    image[1] = (byte) 0xD8;
    image[2] = (byte) 0xFF;
    byte[] body = ApiClient.multipart("----y", "file", "big.jpg", "image/jpeg", image);
    ok += check(failures, "POST 13 MiB sent whole before reading",
        exchange(api, head(dev, "----y", body.length, false), body));
    return ok;
  }

  private static int check(List<String> failures, String what, String answer) {
    if (answer.startsWith("HTTP/1.1 413") && answer.contains("\"status\":413")) {
      return 1;
    }
    failures.add(what + " -> " + ApiAbuse.cut(answer) + " (expected 413)");
    return 0;
  }

  private static String head(String dev, String boundary, long length, boolean expectContinue) {
    return ApiClient.uploadHead(dev, ApiProcess.WRITE, boundary, length, expectContinue);
  }

  private static String exchange(ApiProcess api, String head, byte[] body) {
    try {
      return api.sendAllThenRead(head, body);
    } catch (java.io.IOException e) {
      return "no answer: " + e;
    }
  }
}
