package smarthome.api.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.Device;
import smarthome.common.devices.DeviceType;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.TestStack;
import smarthome.testkit.WorkerProcess;

/**
 * Live state through the real state processor (its own process): devices reporting are online with
 * their latest values; when their traffic stops the API shows them offline within the timeout plus
 * a few seconds; after a kill -9 and restart the processor's state is intact.
 */
class StateIT {
  static final long OFFLINE_MIN_MS = 10000; // wide enough for a loaded 2-core machine to show "online" first

  @Test
  void devicesGoOfflineWhenQuietAndTheStateSurvivesAKill() throws Exception {
    String prefix = "st" + UUID.randomUUID().toString().substring(0, 6) + "_";
    String a = prefix + "1";
    String b = prefix + "2";
    Path stateDir = Files.createTempDirectory("state-it");
    Map<String, String> env = Map.of("STATE_DIR", stateDir.toString(), "STATE_INSTANCE_ID", "it-" + prefix,
        "STATE_OFFLINE_MIN_MS", Long.toString(OFFLINE_MIN_MS), "STATE_PUNCTUATE_MS", "500",
        "INGEST_GROUP_PREFIX", "it-state");
    try (Api api = Api.start(); Publisher p = Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-state"))) {
      JavaProcess state = WorkerProcess.start("state", env);
      try {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String warm = prefix + "warm";
        for (String id : new String[] {a, b, warm}) {
          p.device(new Device(id, DeviceType.THERMOSTAT, "hallway", "ecobee", "Premium", "1.0", null,
              now.minusSeconds(3600), now));
        }
        // Given a state processor that is up: it joins, initialises and first replays the readings
        // the other ITs left in the topic (its application id is new), which takes minutes on a
        // loaded machine
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
          p.reading(thermostat(warm, Instant.now().truncatedTo(ChronoUnit.MILLIS), 20));
          p.flush();
          return device(api, warm).get("status").asText().equals("online");
        });
        // And two thermostats reporting every 500 ms for 5 s
        Instant last = null;
        for (int i = 0; i < 10; i++) {
          last = Instant.now().truncatedTo(ChronoUnit.MILLIS);
          for (String id : new String[] {a, b}) {
            p.reading(thermostat(id, last, 20 + i));
          }
          p.flush();
          Thread.sleep(500);
        }
        // Then the API shows them online with their latest values
        await().atMost(Duration.ofMillis(OFFLINE_MIN_MS)).pollInterval(Duration.ofMillis(100))
            .ignoreExceptions().until(() -> {
              JsonNode d = device(api, a);
              return d.get("status").asText().equals("online")
                  && d.get("latest").get("temperature").get("value").asDouble() == 29.0;
            });
        JsonNode online = device(api, a);
        assertEquals(10, online.get("readings_last_hour").asInt());
        assertTrue(Json.parse(api.get("/devices?status=online&limit=1000", Api.READ).body())
            .findValuesAsText("device_id").contains(b));

        // When the traffic stops, Then both go offline within the timeout plus a few seconds
        Instant stopped = last;
        await().atMost(Duration.ofMillis(OFFLINE_MIN_MS + 8000)).pollInterval(Duration.ofMillis(200))
            .until(() -> device(api, a).get("status").asText().equals("offline")
                && device(api, b).get("status").asText().equals("offline"));
        long seconds = Duration.between(stopped, Instant.now()).toSeconds();
        System.out.printf("offline %d s after the last reading (timeout %d ms)%n", seconds, OFFLINE_MIN_MS);
        assertTrue(Json.parse(api.get("/devices?status=offline&limit=1000", Api.READ).body())
            .findValuesAsText("device_id").contains(a));
        JsonNode offline = device(api, a);
        assertEquals(29.0, offline.get("latest").get("temperature").get("value").asDouble());

        // When the state processor is killed and restarted
        state.kill9();
        state = WorkerProcess.start("state", env);
        // and one more reading arrives
        p.reading(thermostat(a, Instant.now().truncatedTo(ChronoUnit.MILLIS), 31));
        p.flush();
        // Then the state continues from where it was: 10 + 1 readings in the hour, not 1
        // (its status depends on how long the restart took against the offline timeout)
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
            device(api, a).get("latest").get("temperature").get("value").asDouble() == 31.0);
        assertEquals(11, device(api, a).get("readings_last_hour").asInt());
      } finally {
        state.close();
      }
    }
  }

  static Reading thermostat(String id, Instant t, double temperature) {
    return new Reading(UUID.randomUUID(), id, DeviceType.THERMOSTAT, t,
        Map.of("temperature", temperature, "humidity", 45.0, "pressure", 1012.0));
  }

  static JsonNode device(Api api, String id) throws Exception {
    var r = api.get("/devices/" + id, Api.READ);
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.statusCode() + " " + r.body());
    }
    return Json.parse(r.body());
  }
}
