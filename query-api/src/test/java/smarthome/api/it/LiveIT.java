package smarthome.api.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.api.live.LiveHub;
import smarthome.common.kafka.Topics;
import smarthome.common.state.DeviceStatus;
import smarthome.common.state.DeviceStatusJson;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.TestStack;

/**
 * The live streams on the real stack: readings published to Kafka and online/offline changes on
 * the device-state topic reach SSE clients; a client that stops reading is dropped with an end
 * event while another keeps receiving everything; streams beyond the per-key cap are a 429.
 */
class LiveIT {
  static final Duration WAIT = Duration.ofSeconds(60);

  /**
   * The state changes are published on smarthome.device-state as the state processor publishes
   * them (its own behaviour, online after readings and offline after silence, is StateIT's; here
   * its first replay of every reading the other tests left would outlast the test on a loaded
   * machine).
   */
  @Test
  void aNewReadingAndAnOnlineToOfflineChangeArrive() throws Exception {
    String id = "lv" + UUID.randomUUID().toString().substring(0, 8);
    try (Api api = Api.start(); Publisher p = Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-live"));
         Sse one = Sse.open(api, "/devices/" + id + "/live", Api.READ);
         Sse all = Sse.open(api, "/devices/live?status=offline&device_type=thermostat", Api.READ)) {
      assertEquals(200, one.response.statusCode());
      assertTrue(one.response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
      one.await(e -> e.name().equals("ready"), WAIT);
      all.await(e -> e.name().equals("ready"), WAIT);

      Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
      var reading = StateIT.thermostat(id, now, 21.5);
      p.reading(reading);
      p.flush();
      Sse.Event got = one.await(e -> e.name().equals("reading"), WAIT);
      JsonNode r = Json.parse(got.data());
      assertEquals(reading.eventId().toString(), r.get("event_id").asText());
      assertEquals(21.5, r.get("values").get("temperature").asDouble());
      assertTrue(got.id() != null && !got.id().isEmpty(), "events carry an id for Last-Event-ID");

      p.raw(Topics.DEVICE_STATE.name(), id, DeviceStatusJson.write(state(id, "online", now)));
      p.raw(Topics.DEVICE_STATE.name(), id, DeviceStatusJson.write(state(id, "offline", now.plusSeconds(30))));
      p.flush();
      Sse.Event online = one.await(e -> e.name().equals("state"), WAIT);
      assertEquals("online", Json.parse(online.data()).get("status").asText());
      Sse.Event offline = one.await(e -> e.name().equals("state"), WAIT);
      assertEquals("offline", Json.parse(offline.data()).get("status").asText());
      assertEquals(id, Json.parse(offline.data()).get("device_id").asText());
      // the stream of all devices, filtered to offline thermostats, has the change but not the online one
      Sse.Event everyone = all.await(e -> e.name().equals("state") && e.data().contains(id), WAIT);
      assertEquals("offline", Json.parse(everyone.data()).get("status").asText());

      // a reconnect with Last-Event-ID gets what it missed from what the API holds
      try (Sse again = Sse.open(api, "/devices/" + id + "/live", Api.READ, got.id())) {
        Sse.Event first = again.await(e -> e.id() != null, WAIT);
        assertEquals(online.id(), first.id(), "resumes right after the reading");
        assertEquals(offline.id(), again.await(e -> e.id() != null, WAIT).id());
      }
    }
  }

  static DeviceStatus state(String id, String status, Instant at) {
    return new DeviceStatus(id, "thermostat", status, at, 1, 1000,
        Map.of("temperature", new DeviceStatus.Latest(21.5, at)), at);
  }

  @Test
  void aSlowClientIsDroppedWhileAFastOneKeepsReceivingAndTheCapIsA429() throws Exception {
    String id = "lv" + UUID.randomUUID().toString().substring(0, 8);
    try (Api api = Api.start(Map.of("API_LIVE_QUEUE_EVENTS", "200", "API_LIVE_MAX_PER_KEY", "2"));
         Publisher p = Publisher.create(TestStack.kafka(), PublisherOptions.defaults("it-live"));
         Sse fast = Sse.open(api, "/devices/" + id + "/live", Api.READ);
         Socket slow = new Socket()) {
      slow.setReceiveBufferSize(1024);
      slow.connect(new java.net.InetSocketAddress("127.0.0.1", api.base.getPort()));
      OutputStream out = slow.getOutputStream();
      out.write(("GET /devices/" + id + "/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
          + "Authorization: Bearer " + Api.READ + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      fast.await(e -> e.name().equals("ready"), WAIT);
      InputStream in = slow.getInputStream();
      String head = readUntil(in, "{\"after\":\"");
      assertTrue(head.startsWith("HTTP/1.1 200"), head);

      // a third stream of the same key is over the cap
      var third = api.send(api.request("/devices/" + id + "/live", Api.READ).build());
      assertEquals(429, third.statusCode(), third.body());
      assertTrue(third.headers().firstValue("Retry-After").isPresent());

      // the slow client reads nothing more; readings flow until it is dropped
      LiveHub hub = api.bean(LiveHub.class);
      Instant t0 = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
      int sent = 0;
      int received = 0;
      while (hub.subscribers() > 1) {
        assertTrue(sent < 200_000, "the slow client was never dropped");
        for (int i = 0; i < 100; i++, sent++) {
          p.reading(StateIT.thermostat(id, t0.plusMillis(sent), 20.0));
        }
        p.flush();
        // the fast client keeps up: every reading so far arrives
        received += countReadings(fast);
        for (; received < sent; received++) {
          fast.await(e -> e.name().equals("reading"), WAIT);
        }
      }
      // the slow client, reading again, finds an end event and the end of the stream
      String rest = readUntil(in, "\"reason\":\"too_slow\"");
      assertTrue(rest.contains("end"), "an end event says why: " + rest);
      for (int i = 0; i < 100; i++, sent++) {
        p.reading(StateIT.thermostat(id, t0.plusMillis(sent), 20.0));
      }
      p.flush();
      for (int i = 0; i < 100; i++) {
        fast.await(e -> e.name().equals("reading"), WAIT);
      }
      assertEquals(1, hub.subscribers());
    }
  }

  static long seq(String eventId) {
    return Long.parseLong(eventId.substring(eventId.indexOf('-') + 1));
  }

  /** Reading events already queued in the client, taken out. */
  static int countReadings(Sse s) {
    int n = 0;
    for (Sse.Event e; (e = s.events.poll()) != null;) {
      if (e.name().equals("reading")) {
        n++;
      }
    }
    return n;
  }

  static String readUntil(InputStream in, String marker) throws Exception {
    StringBuilder b = new StringBuilder();
    byte[] buf = new byte[512];
    long end = System.nanoTime() + WAIT.toNanos();
    while (b.indexOf(marker) < 0 && System.nanoTime() < end) {
      int n = in.read(buf);
      if (n < 0) {
        break;
      }
      b.append(new String(buf, 0, n, StandardCharsets.UTF_8));
    }
    assertTrue(b.indexOf(marker) >= 0, "no " + marker + " in " + b.substring(0, Math.min(500, b.length())));
    return b.toString();
  }
}
