package smarthome.api.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smarthome.testkit.JavaProcess;

/**
 * Processes given settings the secure stack refuses stop (exit non-zero) with a message naming the
 * setting, instead of retrying for ever. Each message is printed ("REFUSAL ...") for the record.
 */
class SecureProcessRefusalsIT {
  private static final int EXIT_WITHIN_SECONDS = 180;

  @TempDir
  Path dir;

  @Test
  void aWorkerWithAWrongPasswordStopsNamingTheSettings() throws Exception {
    String wrong = "not-the-password-" + System.nanoTime();
    String out = workerStops("wrong-password", SecureProcesses.env("worker",
        "KAFKA_SASL_PASSWORD", wrong));
    assertTrue(out.contains("cannot start: Kafka refused the login: check KAFKA_SASL_USERNAME "
        + "and KAFKA_SASL_PASSWORD"), out);
    assertFalse(out.contains(wrong), "the password is not printed");
  }

  @Test
  void aPlaintextWorkerStopsNamingTheProtocolSetting() throws Exception {
    String out = workerStops("plaintext", SecureProcesses.env("worker",
        "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "KAFKA_SASL_MECHANISM", "",
        "KAFKA_SASL_USERNAME", "", "KAFKA_SASL_PASSWORD", "", "KAFKA_SSL_CA_FILE", ""));
    assertTrue(out.contains("cannot start: Kafka at 127.0.0.1:") && out.contains(
        " speaks TLS but KAFKA_SECURITY_PROTOCOL is PLAINTEXT"), out);
  }

  @Test
  void aWorkerWhoseUserLacksTopicAclsStopsWithAnAuthorizationMessage() throws Exception {
    // the producer user may write the ingest topics, not read them or touch the others
    String out = workerStops("no-acl", SecureProcesses.env("producer"));
    assertTrue(out.contains("cannot start: Kafka denied") && out.contains(
        "the user in KAFKA_SASL_USERNAME lacks"), out);
  }

  @Test
  void theApiWithABadTlsFileRefusesToStartNamingTheVariable() throws Exception {
    Path notPem = Files.writeString(dir.resolve("api.key"), "not a key\n");
    String cert = SecureProcesses.env("api").get("API_TLS_CERT_FILE");
    String out = apiStops("bad-key", SecureProcesses.env("api", "API_TLS_KEY_FILE", notPem.toString()));
    assertTrue(out.contains("API_TLS_KEY_FILE: " + notPem + " is not a PEM private key file"), out);
    String alone = apiStops("cert-alone", SecureProcesses.env("api", "API_TLS_KEY_FILE", "",
        "API_TLS_CERT_FILE", cert));
    assertTrue(alone.contains("API_TLS_KEY_FILE is not set but API_TLS_CERT_FILE is"), alone);
  }

  private static String workerStops(String what, Map<String, String> env)
      throws InterruptedException {
    try (JavaProcess w = SecureProcesses.worker("secure-refused-worker-" + what, env)) {
      int rc = w.waitFor(EXIT_WITHIN_SECONDS);
      String out = w.output();
      assertEquals(1, rc, out);
      report("worker " + what, out, "cannot start:");
      return out;
    }
  }

  private static String apiStops(String what, Map<String, String> env)
      throws InterruptedException {
    try (JavaProcess a = SecureProcesses.api("secure-refused-api-" + what, env,
        SecureProcesses.freePort())) {
      int rc = a.waitFor(EXIT_WITHIN_SECONDS);
      String out = a.output();
      assertEquals(2, rc, out);
      report("api " + what, out, "API_TLS_");
      return out;
    }
  }

  /** Prints the line of the output that holds {@code marker}, the refusal itself. */
  private static void report(String what, String out, String marker) {
    String line = out.lines().filter(l -> l.contains(marker)).findFirst().orElse(out.strip());
    System.out.println("REFUSAL " + what + ": " + line);
  }
}
