package smarthome.testkit;

import java.util.HashMap;
import java.util.Map;
import smarthome.common.config.InfluxSettings;
import smarthome.common.config.KafkaSettings;
import smarthome.common.config.PostgresSettings;
import smarthome.common.config.S3Settings;
import smarthome.common.config.Settings;

/**
 * The one way an {@code *IT} reaches the real servers of the local stack. {@code bin/test} starts
 * the test instance once per run and exports its settings; without them this asks
 * {@code bin/stack env} for the test instance's settings. A server that is down makes the test
 * fail on its first call: nothing here skips.
 */
public final class TestStack {
  private static StackSettings settings;

  private TestStack() {}

  public static synchronized StackSettings settings() {
    if (settings == null) {
      Map<String, String> e = new HashMap<>(System.getenv());
      if (!e.containsKey(Settings.KAFKA_BOOTSTRAP_SERVERS)) {
        e.putIfAbsent("SMARTHOME_STACK", "test");
        e.putAll(StackCommand.env(e));
      }
      settings = StackSettings.from(e);
    }
    return settings;
  }

  public static Map<String, String> env() {
    return settings().env();
  }

  public static KafkaSettings kafka() {
    return settings().kafka();
  }

  public static InfluxSettings influx() {
    return settings().influx();
  }

  public static PostgresSettings postgres() {
    return settings().postgres();
  }

  public static S3Settings s3() {
    return settings().s3();
  }

  /** Clients of the three stores of the test stack, to check what was written; close them. */
  public static Stores stores() {
    return new Stores(settings());
  }

  /** Runs bin/stack on this test's instance, e.g. {@code stack("stop", "influxdb")}. */
  public static void stack(String... args) {
    StackCommand.run(env(), null, args);
  }
}
