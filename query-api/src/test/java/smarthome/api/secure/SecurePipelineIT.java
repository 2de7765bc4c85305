package smarthome.api.secure;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smarthome.api.secure.SecureProcesses.ADMIN_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import smarthome.common.images.Images;
import smarthome.testkit.ApiClient;
import smarthome.testkit.JavaProcess;

/**
 * The whole pipeline on the secure stack: the real worker (user worker), the simulator (user
 * producer) and the API over https (user api, its certificate signed by the stack's CA).
 * Readings, logs and images go in through Kafka and come back out of the API over https.
 */
class SecurePipelineIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PREFIX = "sec" + Long.toString(System.nanoTime() % 1_000_000, 36) + "_";
  private static JavaProcess worker;
  private static JavaProcess api;
  private static int port;
  private static ApiClient client;

  @BeforeAll
  static void start() throws Exception {
    worker = SecureProcesses.worker("secure-pipeline-worker", SecureProcesses.env("worker"));
    port = SecureProcesses.freePort();
    api = SecureProcesses.api("secure-pipeline-api", SecureProcesses.env("api"), port);
    client = SecureProcesses.https(port);
    client.awaitHealthy(api);
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void simulatedReadingsLogsAndImagesComeBackOverHttps() throws Exception {
    // Given the simulator publishing as the producer user: a thermostat and a camera
    try (JavaProcess sim = SecureProcesses.simulator("secure-pipeline-simulator",
        SecureProcesses.env("producer"), List.of("simulate", "--devices", "2", "--types",
            "thermostat,camera", "--rate", "20/s", "--duration", "3s", "--image-every", "1s",
            "--log-every", "2", "--id-prefix", PREFIX, "-q"))) {
      assertEquals(0, sim.waitFor(120), sim.output());
    }
    String thermostat = PREFIX + "1";
    String camera = PREFIX + "2";
    // Then the worker stored them and the API serves them over https
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      assertEquals("thermostat", json(client.get("/devices/" + thermostat, ADMIN_KEY))
          .get("device_type").asText());
      assertEquals("camera", json(client.get("/devices/" + camera, ADMIN_KEY))
          .get("device_type").asText());
      assertTrue(json(client.get("/devices/" + thermostat + "/sensor-data", ADMIN_KEY)).size() > 0,
          "readings");
      // the simulator writes a log line every --log-every readings, for whichever device
      assertTrue(json(client.get("/devices/" + thermostat + "/logs", ADMIN_KEY)).size()
          + json(client.get("/devices/" + camera + "/logs", ADMIN_KEY)).size() > 0, "logs");
      assertTrue(json(client.get("/devices/" + camera + "/images", ADMIN_KEY)).size() > 0,
          "images");
    });
    JsonNode image = json(client.get("/devices/" + camera + "/images", ADMIN_KEY)).get(0);
    HttpResponse<byte[]> bytes = client.getBytes(image.get("href").asText(), ADMIN_KEY);
    assertEquals(200, bytes.statusCode());
    assertEquals(image.get("sha256").asText(), Images.sha256Hex(bytes.body()));
  }

  @Test
  void anImageUploadedOverHttpsIsPublishedAsTheApiUserStoredAndServed() throws Exception {
    // the device must be known: a reading of it through the simulator first
    String device = PREFIX + "up1";
    try (JavaProcess sim = SecureProcesses.simulator("secure-pipeline-device",
        SecureProcesses.env("producer"), List.of("simulate", "--devices", "1", "--types", "camera",
            "--rate", "5/s", "--duration", "1s", "--image-every", "off", "--id-prefix",
            PREFIX + "up", "-q"))) {
      assertEquals(0, sim.waitFor(120), sim.output());
    }
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> client.get("/devices/" + device, ADMIN_KEY).statusCode() == 200);
    byte[] png = Files.readAllBytes(Path.of(getClass().getResource("/pixel.png").toURI()));
    HttpResponse<String> r = client.upload(device, ADMIN_KEY, "door.png", "image/png", png);
    assertEquals(202, r.statusCode(), r.body());
    String location = r.headers().firstValue("Location").orElseThrow();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
        .until(() -> client.getBytes(location, ADMIN_KEY).statusCode() == 200);
    assertEquals(Images.sha256Hex(png), Images.sha256Hex(client.getBytes(location, ADMIN_KEY).body()));
  }

  @Test
  void theApiServesHttpsOnlyAndSendsHsts() throws Exception {
    HttpResponse<String> health = client.get("/health", null);
    assertEquals(200, health.statusCode(), health.body());
    assertEquals("max-age=31536000",
        health.headers().firstValue("Strict-Transport-Security").orElseThrow());
    HttpResponse<String> denied = client.get("/devices", null);
    assertEquals(401, denied.statusCode());
    assertTrue(denied.headers().firstValue("Strict-Transport-Security").isPresent(),
        "errors carry HSTS too");
    // plain HTTP on the same port gets no HTTP answer
    ApiClient plain = new ApiClient(URI.create("http://127.0.0.1:" + port));
    assertThrows(IOException.class, () -> plain.get("/health", null));
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }
}
