package smarthome.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.Test;

class SettingsTest {
  static final ConfigDef ALL =
      Settings.s3(Settings.postgres(Settings.influx(Settings.kafka(new ConfigDef()))));

  static Map<String, String> valid() {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092, localhost:19093");
    env.put("INFLUXDB_URL", "http://127.0.0.1:19086/");
    env.put("POSTGRES_HOST", "127.0.0.1");
    env.put("POSTGRES_PORT", "19432");
    env.put("POSTGRES_DB", "smart_building");
    env.put("POSTGRES_USER", "smarthome");
    env.put("POSTGRES_PASSWORD", "pg-s3cr3t");
    env.put("S3_BUCKET_NAME", "smarthome-data");
    env.put("S3_ENDPOINT_URL", "http://127.0.0.1:19080");
    env.put("AWS_ACCESS_KEY_ID", "local");
    env.put("AWS_SECRET_ACCESS_KEY", "aws-s3cr3t");
    env.put("PATH", "/usr/bin");
    return env;
  }

  @Test
  void parsesTypedSettingsWithDefaults() {
    var c = Settings.parse(ALL, valid());
    KafkaSettings k = KafkaSettings.from(c);
    assertEquals("127.0.0.1:19092,localhost:19093", k.bootstrapServers());
    assertEquals(6, k.topicPartitions());
    InfluxSettings i = InfluxSettings.from(c);
    assertEquals("http://127.0.0.1:19086", i.url());
    assertEquals("smarthome", i.database());
    assertFalse(i.hasCredentials());
    PostgresSettings p = PostgresSettings.from(c);
    assertEquals("jdbc:postgresql://127.0.0.1:19432/smart_building", p.jdbcUrl());
    S3Settings s = S3Settings.from(c);
    assertTrue(s.pathStyle(), "path-style is on by default with a custom endpoint");
    assertEquals("us-east-1", s.region());
    assertTrue(s.hasStaticCredentials());
  }

  @Test
  void secretsNeverAppearInToString() {
    var c = Settings.parse(ALL, valid());
    String text = PostgresSettings.from(c) + " " + S3Settings.from(c) + " " + InfluxSettings.from(c);
    assertFalse(text.contains("pg-s3cr3t"), text);
    assertFalse(text.contains("aws-s3cr3t"), text);
  }

  @Test
  void missingRequiredVariableIsNamed() {
    Map<String, String> env = valid();
    env.remove("POSTGRES_HOST");
    var e = assertThrows(ConfigError.class, () -> Settings.parse(ALL, env));
    assertTrue(e.getMessage().contains("POSTGRES_HOST"), e.getMessage());
  }

  @Test
  void malformedValuesAreNamed() {
    assertNamed("POSTGRES_PORT", "5432x");
    assertNamed("POSTGRES_PORT", "70000");
    assertNamed("KAFKA_BOOTSTRAP_SERVERS", "localhost");
    assertNamed("INFLUXDB_URL", "ftp://x");
    assertNamed("S3_BUCKET_NAME", "Bad_Bucket");
    assertNamed("S3_PATH_STYLE", "maybe");
    assertNamed("POSTGRES_DB", "db; drop");
  }

  @Test
  void urlWithCredentialsIsNotEchoed() {
    Map<String, String> env = valid();
    env.put("INFLUXDB_URL", "ftp://user:hunter2@host");
    var e = assertThrows(ConfigError.class, () -> Settings.parse(ALL, env));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  private static void assertNamed(String key, String value) {
    Map<String, String> env = valid();
    env.put(key, value);
    var e = assertThrows(ConfigError.class, () -> Settings.parse(ALL, env), key + "=" + value);
    assertTrue(e.getMessage().contains(key), e.getMessage());
  }
}
