package smarthome.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** POSTGRES_SSLMODE/SSLROOTCERT, INFLUXDB_CA_FILE and S3_CA_FILE. */
class StoreTlsSettingsTest {
  static final String CA = TlsFiles.path("ca.pem").toString();

  static Map<String, String> env(String... kv) {
    Map<String, String> env = SettingsTest.valid();
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  static ConfigError refused(Map<String, String> env) {
    return assertThrows(ConfigError.class, () -> {
      var c = Settings.parse(SettingsTest.ALL, env);
      PostgresSettings.from(c);
      InfluxSettings.from(c);
      S3Settings.from(c);
    });
  }

  @Test
  void postgresPrefersTlsByDefaultAsPgjdbcDoes() {
    var p = PostgresSettings.from(Settings.parse(SettingsTest.ALL, env()));
    assertEquals("prefer", p.sslMode());
    Properties ssl = p.sslProperties();
    assertEquals("prefer", ssl.get("sslmode"));
    assertEquals(1, ssl.size());
  }

  @Test
  void verifyFullWithARootCertPassesItToPgjdbc() {
    var p = PostgresSettings.from(Settings.parse(SettingsTest.ALL,
        env("POSTGRES_SSLMODE", "VERIFY-FULL", "POSTGRES_SSLROOTCERT", CA)));
    assertEquals("verify-full", p.sslProperties().get("sslmode"));
    assertEquals(CA, p.sslProperties().get("sslrootcert"));
    assertEquals(Optional.of(Path.of(CA)), p.sslRootCert());
  }

  @Test
  void verifyWithoutARootCertUsesTheJvmTrustStore() {
    var p = PostgresSettings.from(Settings.parse(SettingsTest.ALL, env("POSTGRES_SSLMODE", "verify-ca")));
    assertEquals("org.postgresql.ssl.DefaultJavaSSLFactory", p.sslProperties().get("sslfactory"));
    assertFalse(p.sslProperties().containsKey("sslrootcert"));
  }

  @Test
  void aRootCertWithAModeThatChecksNothingIsRefused() {
    var e = refused(env("POSTGRES_SSLMODE", "require", "POSTGRES_SSLROOTCERT", CA));
    assertEquals("POSTGRES_SSLROOTCERT is set but POSTGRES_SSLMODE is require, which checks no "
        + "certificate: use verify-full (or verify-ca)", e.getMessage());
  }

  @Test
  void anUnknownSslModeIsNamed() {
    var e = refused(env("POSTGRES_SSLMODE", "on"));
    assertEquals("configuration error: POSTGRES_SSLMODE must be one of disable, prefer, require, "
        + "verify-ca, verify-full (it is 'on')", e.getMessage());
  }

  @Test
  void aRootCertThatIsNotPemIsNamed() {
    Path der = TlsFiles.path("ca.der");
    var e = refused(env("POSTGRES_SSLMODE", "verify-full", "POSTGRES_SSLROOTCERT", der.toString()));
    assertEquals("configuration error: POSTGRES_SSLROOTCERT: " + der + " is not a PEM certificate "
        + "file (no -----BEGIN CERTIFICATE----- block)", e.getMessage());
  }

  @Test
  void influxAndS3TakeACaForHttps() {
    var c = Settings.parse(SettingsTest.ALL, env("INFLUXDB_URL", "https://influx.internal:8086",
        "INFLUXDB_CA_FILE", CA, "S3_ENDPOINT_URL", "https://s3.internal:9000", "S3_CA_FILE", CA));
    assertEquals(Optional.of(Path.of(CA)), InfluxSettings.from(c).caFile());
    assertEquals(Optional.of(Path.of(CA)), S3Settings.from(c).caFile());
    assertEquals(Optional.empty(), InfluxSettings.from(Settings.parse(SettingsTest.ALL, env())).caFile());
  }

  @Test
  void aCaFileForPlainHttpIsRefused() {
    var e = refused(env("INFLUXDB_CA_FILE", CA));
    assertEquals("INFLUXDB_CA_FILE is set but INFLUXDB_URL is a plain http:// URL: use https://, or "
        + "unset INFLUXDB_CA_FILE", e.getMessage());
    e = refused(env("S3_CA_FILE", CA));
    assertEquals("S3_CA_FILE is set but S3_ENDPOINT_URL is a plain http:// URL: use https://, or "
        + "unset S3_CA_FILE", e.getMessage());
  }

  @Test
  void anS3CaWithTheAwsEndpointIsAllowed() {
    // e.g. a TLS-inspecting proxy in front of AWS
    Map<String, String> env = env("S3_CA_FILE", CA);
    env.remove("S3_ENDPOINT_URL");
    assertTrue(S3Settings.from(Settings.parse(SettingsTest.ALL, env)).caFile().isPresent());
  }

  @Test
  void missingCaFilesAreNamed() {
    var e = refused(env("INFLUXDB_URL", "https://influx.internal:8086", "INFLUXDB_CA_FILE",
        "/nonexistent/ca.pem"));
    assertEquals("configuration error: INFLUXDB_CA_FILE: file /nonexistent/ca.pem does not exist",
        e.getMessage());
  }

  @Test
  void secretsStayOutOfEveryRecord() {
    var c = Settings.parse(SettingsTest.ALL, env("POSTGRES_SSLMODE", "verify-full",
        "POSTGRES_SSLROOTCERT", CA, "INFLUXDB_URL", "https://i:8086", "INFLUXDB_TOKEN", "influx-s3cr3t",
        "INFLUXDB_CA_FILE", CA));
    String text = PostgresSettings.from(c) + " " + InfluxSettings.from(c) + " " + S3Settings.from(c);
    assertFalse(text.contains("s3cr3t"), text);
  }
}
