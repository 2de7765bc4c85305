package smarthome.api;

import java.util.Map;

/** A configuration that parses without any server: nothing in a unit test connects. */
public final class TestConfig {
  private TestConfig() {}

  public static ApiConfig parse() {
    return ApiConfig.parse(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
        "INFLUXDB_URL", "http://127.0.0.1:9",
        "POSTGRES_HOST", "127.0.0.1",
        "POSTGRES_DB", "smarthome",
        "POSTGRES_USER", "smarthome",
        "S3_BUCKET_NAME", "test-bucket",
        "API_KEYS", "admin:unit-test-key-0001"));
  }
}
