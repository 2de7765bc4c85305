package smarthome.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Swagger UI at /docs and ReDoc at /redoc, opened in headless Chromium (Debian's package): the
 * operations render, and every request the pages make goes to this server on 127.0.0.1.
 */
class DocsIT {
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    api = Api.start();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  @Test
  void swaggerUiRendersEveryOperationFromLocalResources(@TempDir Path dir) throws Exception {
    Page p = open("/docs/", dir);
    for (String path : List.of("/devices", "/devices/{device_id}", "/devices/{device_id}/sensor-data",
        "/devices/{device_id}/logs", "/devices/{device_id}/images", "/generate-and-store",
        "/device-types", "/device-locations", "/health")) {
      assertTrue(p.dom.contains("data-path=\"" + path + "\""), "Swagger UI shows " + path);
    }
    assertTrue(p.dom.contains("Authorize"), "the bearer scheme gives an Authorize button");
    p.assertOnlyLocalRequests(api.base.getPort());
  }

  @Test
  void redocRendersTheOperationsFromLocalResources(@TempDir Path dir) throws Exception {
    Page p = open("/redoc/", dir);
    assertTrue(p.dom.contains("A device's sensor readings"), "ReDoc shows the operations");
    assertTrue(p.dom.contains("Delete all data of a device"));
    p.assertOnlyLocalRequests(api.base.getPort());
  }

  record Page(String dom, List<String> pageRequests) {
    void assertOnlyLocalRequests(int port) {
      assertFalse(pageRequests.isEmpty(), "the net log recorded the page's requests");
      for (String url : pageRequests) {
        assertTrue(url.startsWith("http://127.0.0.1:" + port + "/") || url.startsWith("data:"),
            "request left 127.0.0.1: " + url);
      }
    }
  }

  static Page open(String path, Path dir) throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assertTrue(Files.isExecutable(chromium), "Debian's chromium is needed (bin/test installs it)");
    Path netlog = dir.resolve("net.json");
    Path dom = dir.resolve("dom.html");
    Process p = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-features=AutofillServerCommunication",
        "--user-data-dir=" + dir.resolve("profile"), "--log-net-log=" + netlog,
        "--virtual-time-budget=20000", "--dump-dom", api.base + path)
        .redirectOutput(dom.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("err.txt")));
    return new Page(Files.readString(dom, StandardCharsets.UTF_8), pageRequests(netlog));
  }

  /** URLs of requests the page itself made (those with an initiator origin), from the net log. */
  static List<String> pageRequests(Path netlog) throws Exception {
    JsonNode log = new ObjectMapper().readTree(netlog.toFile());
    int startJob = -1;
    for (Map.Entry<String, JsonNode> e : iterable(log.get("constants").get("logEventTypes"))) {
      if (e.getKey().equals("URL_REQUEST_START_JOB")) {
        startJob = e.getValue().asInt();
      }
    }
    List<String> out = new ArrayList<>();
    for (JsonNode ev : log.get("events")) {
      JsonNode params = ev.get("params");
      if (ev.get("type").asInt() == startJob && params != null && params.has("url")) {
        String initiator = params.path("initiator").asText("");
        String url = params.get("url").asText();
        if (initiator.startsWith("http") || url.startsWith("http://127.0.0.1")) {
          out.add(url);
        }
      }
    }
    return out;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
    return n::fields;
  }
}
