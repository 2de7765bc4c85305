package smarthome.bench.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import smarthome.bench.Proc;
import smarthome.bench.Repo;

/** The real API, from its jar, with one key of each role. */
final class ApiProcess implements AutoCloseable {
  static final String ADMIN = "faults-admin-key-01";
  static final String WRITE = "faults-write-key-01";
  static final String READ = "faults-read-key-001";

  final Proc proc;
  final int port;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiProcess(Harness h) throws Exception {
    port = h.base + 1;
    proc = Proc.java("faults-api", h.stack.childEnv(Map.of("API_PORT", Integer.toString(port),
        "API_KEYS", "admin:" + ADMIN + ",write:" + WRITE + ",read:" + READ)),
        List.of("-Xmx384m", "-jar", Repo.jar("query-api", "query-api.jar").toString()));
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      if (!proc.alive()) {
        throw new IllegalStateException("the API exited; see " + proc.log);
      }
      try {
        if (http.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException e) {
        // not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the API did not become healthy; see " + proc.log);
      }
      Thread.sleep(250);
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + port + pathAndQuery);
  }

  HttpResponse<String> send(String method, String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    proc.close();
  }
}
