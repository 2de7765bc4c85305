package smarthome.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.kafka.common.config.ConfigDef;
import smarthome.common.config.InfluxSettings;
import smarthome.common.config.KafkaSettings;
import smarthome.common.config.PostgresSettings;
import smarthome.common.config.S3Settings;
import smarthome.common.config.Settings;

/**
 * The secure stack instance's client settings, as {@code bin/stack env --secure --role ROLE}
 * prints them: the test uses exactly what a user would paste. bin/test starts the instance and
 * exports SMARTHOME_SECURE_STACK (test-secure) and SMARTHOME_SECURE_PORT_BASE (when set); without
 * them this is the instance of {@code bin/stack up --secure}. A stack that is not up fails the test.
 * Lives in testkit for the secure-stack ITs of query-api (the module built after the worker and
 * the API jars they start).
 */
public final class SecureStack {
  private static final Map<String, Map<String, String>> BY_ROLE = new ConcurrentHashMap<>();

  private SecureStack() {}

  /** The settings of a Kafka role: producer, worker, api or admin (stores are the same for all). */
  public static Map<String, String> env(String role) {
    return BY_ROLE.computeIfAbsent(role, SecureStack::stackEnv);
  }

  /** {@code env(role)} with some variables replaced; an empty value removes one. */
  public static Map<String, String> env(String role, String... overrides) {
    Map<String, String> e = new HashMap<>(env(role));
    for (int i = 0; i < overrides.length; i += 2) {
      if (overrides[i + 1].isEmpty()) {
        e.remove(overrides[i]);
      } else {
        e.put(overrides[i], overrides[i + 1]);
      }
    }
    return e;
  }

  public static KafkaSettings kafka(Map<String, String> env) {
    return KafkaSettings.from(Settings.parse(Settings.kafka(new ConfigDef()), env));
  }

  public static PostgresSettings postgres(Map<String, String> env) {
    return PostgresSettings.from(Settings.parse(Settings.postgres(new ConfigDef()), env));
  }

  public static InfluxSettings influx(Map<String, String> env) {
    return InfluxSettings.from(Settings.parse(Settings.influx(new ConfigDef()), env));
  }

  public static S3Settings s3(Map<String, String> env) {
    return S3Settings.from(Settings.parse(Settings.s3(new ConfigDef()), env));
  }

  /** A PEM file holding a real CA that did not sign the stack's certificates (the JVM's first). */
  public static Path otherCa(Path dir) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((java.security.KeyStore) null);
      X509Certificate ca = ((X509TrustManager) tmf.getTrustManagers()[0]).getAcceptedIssuers()[0];
      String pem = "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(ca.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
      return Files.writeString(dir.resolve("other-ca.pem"), pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> stackEnv(String role) {
    Path repo = Repo.root();
    List<String> cmd = List.of(repo.resolve("bin/stack").toString(), "env", "--secure", "--role", role);
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
      Map<String, String> pe = pb.environment();
      // the plain test instance's variables (exported by bin/test) must not leak in
      pe.remove("SMARTHOME_STACK_DIR");
      pe.remove("SMARTHOME_PORT_BASE");
      pe.remove("STACK_ROLE");
      pe.put("SMARTHOME_STACK", System.getenv().getOrDefault("SMARTHOME_SECURE_STACK", "secure"));
      String base = System.getenv("SMARTHOME_SECURE_PORT_BASE");
      if (base != null && !base.isEmpty()) {
        pe.put("SMARTHOME_PORT_BASE", base);
      }
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: is the secure stack up? "
            + "(bin/stack up --secure)");
      }
      Map<String, String> env = new HashMap<>();
      for (String line : out.split("\n")) {
        if (line.startsWith("export ")) {
          int eq = line.indexOf('=');
          String v = line.substring(eq + 1);
          if (v.startsWith("'") && v.endsWith("'")) {
            v = v.substring(1, v.length() - 1);
          }
          if (!v.isEmpty()) {
            env.put(line.substring(7, eq), v);
          }
        }
      }
      return Map.copyOf(env);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
