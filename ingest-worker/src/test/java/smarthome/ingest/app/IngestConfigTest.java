package smarthome.ingest.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import smarthome.common.config.ConfigError;
import smarthome.ingest.app.IngestConfig.SinkName;
import smarthome.ingest.state.DeviceStateTopology;

class IngestConfigTest {
  static Map<String, String> env() {
    Map<String, String> e = new HashMap<>();
    e.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    e.put("POSTGRES_HOST", "127.0.0.1");
    e.put("POSTGRES_DB", "smart_building");
    e.put("POSTGRES_USER", "u");
    return e;
  }

  @Test
  void onlyTheStoresOfTheSelectedSinksAreRequired() {
    IngestConfig c = IngestConfig.parse(env(), "logs,devices", null);
    assertEquals(Set.of(SinkName.LOGS, SinkName.DEVICES), c.sinks);
    assertNull(c.influx);
    assertNull(c.s3);
    assertEquals("smarthome-logs", c.groupId(SinkName.LOGS));
    assertEquals(5000, c.batchSize);
  }

  @Test
  void theStateTableSinkHasAGroupOfItsOwnBesideTheStreamsProcessor() {
    IngestConfig c = IngestConfig.parse(env(), "logs", null);
    // a plain consumer and a Kafka Streams member cannot share a group: the second one is refused
    assertEquals("smarthome-state", c.groupId(SinkName.STATE));
    assertEquals("smarthome-device-state", c.stateSettings().applicationId());
    assertNotEquals(c.stateSettings().applicationId(), c.groupId(SinkName.STATE));
  }

  @Test
  void theStreamsApplicationIdFollowsTheGroupPrefix() {
    // two deployments on one cluster (prefixes blue and green) must not join one Streams group
    Map<String, String> e = env();
    e.put("INGEST_GROUP_PREFIX", "blue");
    IngestConfig c = IngestConfig.parse(e, "state", null);
    Properties p = DeviceStateTopology.streamsConfig(c.kafka, c.stateSettings());
    assertEquals("blue-device-state", p.get(StreamsConfig.APPLICATION_ID_CONFIG));
    assertEquals("blue-state", c.groupId(SinkName.STATE));
  }

  @Test
  void theStreamsClientsLogInLikeEveryOtherClient() {
    // without the security settings Streams' clients would speak plain text to a SASL_SSL listener
    Map<String, String> e = env();
    e.put("KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
    e.put("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
    e.put("KAFKA_SASL_USERNAME", "worker");
    e.put("KAFKA_SASL_PASSWORD", "unit-test-secret");
    IngestConfig c = IngestConfig.parse(e, "state", null);
    Properties p = DeviceStateTopology.streamsConfig(c.kafka, c.stateSettings());
    assertEquals("SASL_SSL", p.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
    assertTrue(p.get("sasl.jaas.config").toString().contains("username=\"worker\""));
  }

  @Test
  void theReadingsSinkNeedsInfluxAndSaysWhichVariable() {
    var e = assertThrows(ConfigError.class, () -> IngestConfig.parse(env(), "readings", null));
    assertTrue(e.getMessage().contains("INFLUXDB_URL"), e.getMessage());
  }

  @Test
  void unknownSinksAndBadNumbersAreNamed() {
    assertTrue(assertThrows(ConfigError.class, () -> IngestConfig.parse(env(), "readings,toasts", null))
        .getMessage().contains("--sinks: unknown sink 'toasts'"));
    Map<String, String> e = env();
    e.put("INGEST_SINKS", "logs");
    e.put("INGEST_BATCH_SIZE", "0");
    assertTrue(assertThrows(ConfigError.class, () -> IngestConfig.parse(e, null, null))
        .getMessage().contains("INGEST_BATCH_SIZE"));
    e.put("INGEST_BATCH_SIZE", "10");
    e.put("INGEST_BACKOFF_INITIAL_MS", "5000");
    e.put("INGEST_BACKOFF_MAX_MS", "100");
    assertTrue(assertThrows(ConfigError.class, () -> IngestConfig.parse(e, null, null))
        .getMessage().contains("INGEST_BACKOFF_MAX_MS"));
  }
}
