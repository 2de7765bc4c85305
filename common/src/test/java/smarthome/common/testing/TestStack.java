package smarthome.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
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
  private static Map<String, String> env;

  private TestStack() {}

  public static synchronized Map<String, String> env() {
    if (env == null) {
      Map<String, String> e = new HashMap<>(System.getenv());
      if (!e.containsKey(Settings.KAFKA_BOOTSTRAP_SERVERS)) {
        e.putAll(stackEnv());
      }
      env = Map.copyOf(e);
    }
    return env;
  }

  public static AbstractConfig config(ConfigDef def) {
    return Settings.parse(def, env());
  }

  public static KafkaSettings kafka() {
    return KafkaSettings.from(config(Settings.kafka(new ConfigDef())));
  }

  public static InfluxSettings influx() {
    return InfluxSettings.from(config(Settings.influx(new ConfigDef())));
  }

  public static PostgresSettings postgres() {
    return PostgresSettings.from(config(Settings.postgres(new ConfigDef())));
  }

  public static S3Settings s3() {
    return S3Settings.from(config(Settings.s3(new ConfigDef())));
  }

  /** The repository root (where bin/stack lives), found from the working directory upwards. */
  public static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isExecutable(p.resolve("bin/stack"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("bin/stack not found above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  /** Runs bin/stack on this test's instance, e.g. {@code stack("stop", "influxdb")}. */
  public static void stack(String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of(repoRoot().resolve("bin/stack").toString()));
    cmd.addAll(List.of(args));
    int rc = run(cmd, Duration.ofMinutes(3), null);
    if (rc != 0) {
      throw new IllegalStateException("bin/stack " + String.join(" ", args) + " exited " + rc);
    }
  }

  private static Map<String, String> stackEnv() {
    StringBuilder out = new StringBuilder();
    int rc = run(List.of(repoRoot().resolve("bin/stack").toString(), "env"), Duration.ofSeconds(30),
        out);
    if (rc != 0) {
      throw new IllegalStateException("bin/stack env exited " + rc);
    }
    Map<String, String> m = new HashMap<>();
    for (String line : out.toString().split("\n")) {
      if (line.startsWith("export ")) {
        String kv = line.substring(7);
        int eq = kv.indexOf('=');
        m.put(kv.substring(0, eq), kv.substring(eq + 1).replace("'", ""));
      }
    }
    return m;
  }

  private static int run(List<String> cmd, Duration timeout, StringBuilder stdout) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd);
      Map<String, String> pe = pb.environment();
      if (env != null) {
        pe.putAll(env);
      } else if (!pe.containsKey("SMARTHOME_STACK")) {
        pe.put("SMARTHOME_STACK", "test");
      }
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
      if (stdout == null) {
        pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
      }
      Process p = pb.start();
      if (stdout != null) {
        stdout.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(cmd + " did not finish within " + timeout);
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
