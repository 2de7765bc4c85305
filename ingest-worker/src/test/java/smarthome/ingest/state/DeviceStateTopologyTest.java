package smarthome.ingest.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smarthome.common.devices.DeviceType;
import smarthome.common.kafka.Topics;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;

/** The state topology on TopologyTestDriver: wall-clock time is the driver's, advanced by hand. */
class DeviceStateTopologyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");

  @TempDir
  Path stateDir;
  TopologyTestDriver driver;
  TestInputTopic<String, byte[]> readings;
  TestInputTopic<String, byte[]> devices;
  TestOutputTopic<String, byte[]> out;
  final ReadingCodec codec = new ReadingCodec(java.time.Clock.fixed(T0.plusSeconds(3600), java.time.ZoneOffset.UTC));

  @BeforeEach
  void start() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "test-state");
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    var options = DeviceStateTopology.options(Duration.ofSeconds(1), 3, Duration.ofSeconds(30));
    driver = new TopologyTestDriver(DeviceStateTopology.build(options), p, T0);
    readings = driver.createInputTopic(Topics.READINGS.name(), new StringSerializer(), new ByteArraySerializer());
    devices = driver.createInputTopic(Topics.DEVICES.name(), new StringSerializer(), new ByteArraySerializer());
    out = driver.createOutputTopic(Topics.DEVICE_STATE.name(), new StringDeserializer(), new ByteArrayDeserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  void reading(String id, Instant t, double temperature) {
    Reading r = new Reading(UUID.randomUUID(), id, DeviceType.THERMOSTAT, t,
        Map.of("temperature", temperature, "humidity", 40.0, "pressure", 1010.0));
    readings.pipeInput(new TestRecord<>(id, codec.encode(r), t));
  }

  /** Moves the wall clock, which fires the punctuator, and returns what was published. */
  List<TestRecord<String, byte[]>> advance(Duration d) {
    driver.advanceWallClockTime(d);
    return out.readRecordsToList();
  }

  static JsonNode last(List<TestRecord<String, byte[]>> records, String id) throws Exception {
    JsonNode found = null;
    for (TestRecord<String, byte[]> r : records) {
      if (r.key().equals(id)) {
        found = r.value() == null ? null : JSON.readTree(r.value());
      }
    }
    return found;
  }

  @Test
  void keepsTheLatestValueAndLastSeenPerDevice() throws Exception {
    reading("a", T0.minusSeconds(20), 20.0);
    reading("a", T0.minusSeconds(10), 21.0);
    reading("b", T0.minusSeconds(5), 18.0);
    List<TestRecord<String, byte[]>> published = advance(Duration.ofSeconds(1));
    JsonNode a = last(published, "a");
    assertEquals(21.0, a.get("latest").get("temperature").get("value").asDouble());
    assertEquals("2026-06-01T11:59:50.000Z", a.get("last_seen").asText());
    assertEquals("2026-06-01T11:59:50.000Z", a.get("latest").get("temperature").get("timestamp").asText());
    assertEquals("online", a.get("status").asText());
    assertEquals(2, a.get("readings_last_hour").asInt());
    assertEquals(10_000, a.get("usual_interval_ms").asLong());
    assertEquals(18.0, last(published, "b").get("latest").get("temperature").get("value").asDouble());
  }

  @Test
  void anOlderReadingDoesNotRollTheLatestValueBack() throws Exception {
    reading("a", T0.minusSeconds(5), 22.0);
    reading("a", T0.minusSeconds(50), 15.0); // late
    JsonNode a = last(advance(Duration.ofSeconds(1)), "a");
    assertEquals(22.0, a.get("latest").get("temperature").get("value").asDouble());
    assertEquals("2026-06-01T11:59:55.000Z", a.get("last_seen").asText());
    assertEquals(2, a.get("readings_last_hour").asInt(), "it still counts as a reading of the hour");
  }

  @Test
  void goesOfflineWhenNothingArrivesAndBackOnlineWithTheNextReading() throws Exception {
    // a device reporting every 10 s: offline after max(30 s, 3 x 10 s) = 30 s of silence
    for (int i = 5; i >= 1; i--) {
      reading("a", T0.minusSeconds(10L * i), 20.0);
    }
    assertEquals("online", last(advance(Duration.ofSeconds(1)), "a").get("status").asText());
    // the last reading was at T0-10 s; at T0+16 s that is 26 s of silence
    assertNull(last(advance(Duration.ofSeconds(15)), "a"), "no change, nothing published");
    JsonNode off = last(advance(Duration.ofSeconds(10)), "a"); // 36 s
    assertEquals("offline", off.get("status").asText(), "noticed with no input at all");
    reading("a", T0.plusSeconds(40), 21.0);
    JsonNode back = last(advance(Duration.ofSeconds(1)), "a");
    assertEquals("online", back.get("status").asText());
    assertEquals(21.0, back.get("latest").get("temperature").get("value").asDouble());
  }

  @Test
  void aTombstoneClearsTheStateAndOlderReadingsStayDeleted() throws Exception {
    reading("a", T0.minusSeconds(5), 20.0);
    advance(Duration.ofSeconds(1));
    devices.pipeInput(new TestRecord<>("a", null, T0.plusSeconds(1)));
    List<TestRecord<String, byte[]>> afterDelete = out.readRecordsToList();
    assertEquals(1, afterDelete.size());
    assertNull(afterDelete.get(0).value(), "the state topic gets a tombstone");
    reading("a", T0.minusSeconds(2), 30.0); // stamped before the deletion: the old life
    assertTrue(advance(Duration.ofSeconds(5)).isEmpty());
    reading("a", T0.plusSeconds(3), 25.0); // a new life
    assertEquals(25.0, last(advance(Duration.ofSeconds(1)), "a").get("latest").get("temperature")
        .get("value").asDouble());
  }

  @Test
  void badReadingsCarryNoState() {
    readings.pipeInput(new TestRecord<>("a", "not json".getBytes(), T0));
    assertTrue(advance(Duration.ofSeconds(2)).isEmpty());
  }
}
