package smarthome.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health as orchestrators ask for it, on the real stack. */
class OperationsIT {
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
  void livenessIsOpenAndNamesNoStore() throws Exception {
    HttpResponse<String> r = api.get("/health/live", null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = Json.parse(r.body());
    assertEquals("UP", body.get("status").asText());
    assertFalse(body.has("checks"), r.body());
  }

  @Test
  void readinessIsOpenButTheStoresOnlyShowToAKey() throws Exception {
    for (String path : new String[] {"/health/ready", "/health"}) {
      HttpResponse<String> open = api.get(path, null);
      assertEquals(200, open.statusCode(), open.body());
      assertEquals("UP", Json.parse(open.body()).get("status").asText());
      assertFalse(Json.parse(open.body()).has("checks"), "no store detail without a key: " + open.body());

      HttpResponse<String> keyed = api.get(path, Api.METRICS);
      assertEquals(200, keyed.statusCode(), keyed.body());
      JsonNode checks = Json.parse(keyed.body()).get("checks");
      for (String store : new String[] {"postgresql", "influxdb", "s3", "kafka"}) {
        assertEquals("UP", checks.get(store).asText(), keyed.body());
      }
      // a wrong key on an open path is not refused, it just sees no detail
      HttpResponse<String> wrong = api.get(path, "not-a-configured-key");
      assertEquals(200, wrong.statusCode());
      assertFalse(Json.parse(wrong.body()).has("checks"), wrong.body());
    }
  }

  @Test
  void aScrapersKeyReadsTheMetricsButNoDeviceData() throws Exception {
    HttpResponse<String> m = api.get("/prometheus", Api.METRICS);
    assertEquals(200, m.statusCode());
    assertTrue(m.body().contains("jvm_memory_used_bytes"));
    HttpResponse<String> devices = api.get("/devices", Api.METRICS);
    assertEquals(403, devices.statusCode(), devices.body());
    assertTrue(Json.parse(devices.body()).get("message").asText().contains("'read'"), devices.body());
  }
}
