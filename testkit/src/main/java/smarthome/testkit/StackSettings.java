package smarthome.testkit;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import smarthome.common.config.InfluxSettings;
import smarthome.common.config.KafkaSettings;
import smarthome.common.config.PostgresSettings;
import smarthome.common.config.S3Settings;
import smarthome.common.config.Settings;

/**
 * A stack instance's client settings, parsed once from the environment that {@code bin/stack env}
 * exports (plus anything else in it, which child processes inherit).
 */
public record StackSettings(Map<String, String> env, KafkaSettings kafka, InfluxSettings influx,
    PostgresSettings postgres, S3Settings s3) {
  public static final String PORT_BASE = "SMARTHOME_PORT_BASE";

  /** Fails, naming the variable, when a setting is missing or malformed. */
  public static StackSettings from(Map<String, String> env) {
    AbstractConfig c = Settings.parse(
        Settings.s3(Settings.postgres(Settings.influx(Settings.kafka(new ConfigDef())))), env);
    return new StackSettings(Map.copyOf(env), KafkaSettings.from(c), InfluxSettings.from(c),
        PostgresSettings.from(c), S3Settings.from(c));
  }

  /** Environment for a child process: these settings plus the extras. */
  public Map<String, String> childEnv(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>(env);
    m.putAll(extra);
    return m;
  }

  /** The instance's port base (bin/stack: Kafka on base+92, ...); free ports sit just above it. */
  public int portBase() {
    String base = env.get(PORT_BASE);
    if (base == null) {
      throw new IllegalStateException(PORT_BASE + " is not set: eval \"$(bin/stack env)\" first");
    }
    return Integer.parseInt(base);
  }
}
