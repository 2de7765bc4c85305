package smarthome.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smarthome.common.config.ConfigError;

class ApiTlsTest {
  @TempDir
  Path dir;

  @Test
  void neitherFileMeansPlainHttp() {
    assertTrue(ApiTls.from("", " ").isEmpty());
  }

  @Test
  void aCertificateWithoutAKeyNamesTheMissingVariable() throws Exception {
    Path cert = Files.writeString(dir.resolve("api.pem"), "x");
    var e = assertThrows(ConfigError.class, () -> ApiTls.from(cert.toString(), ""));
    assertEquals("API_TLS_KEY_FILE is not set but API_TLS_CERT_FILE is: set both for HTTPS, "
        + "or neither", e.getMessage());
    var k = assertThrows(ConfigError.class, () -> ApiTls.from("", cert.toString()));
    assertTrue(k.getMessage().startsWith("API_TLS_CERT_FILE is not set"), k.getMessage());
  }

  @Test
  void aMissingFileIsNamedByItsVariable() {
    Path missing = dir.resolve("nope.pem");
    var e = assertThrows(ConfigError.class, () -> ApiTls.from(missing.toString(), missing.toString()));
    assertEquals("API_TLS_CERT_FILE: file " + missing + " does not exist", e.getMessage());
  }

  @Test
  void aFileThatIsNotPemIsRefused() throws Exception {
    Path notPem = Files.write(dir.resolve("api.der"), new byte[] {0x30, (byte) 0x82, 1, 2});
    var e = assertThrows(ConfigError.class, () -> ApiTls.from(notPem.toString(), notPem.toString()));
    assertTrue(e.getMessage().startsWith("API_TLS_CERT_FILE: " + notPem
        + " is not a PEM certificate file"), e.getMessage());
  }

  @Test
  void theParsedConfigurationCarriesTheCheck() {
    var e = assertThrows(ConfigError.class, () -> ApiConfig.parse(java.util.Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9", "INFLUXDB_URL", "http://127.0.0.1:9",
        "POSTGRES_HOST", "127.0.0.1", "POSTGRES_DB", "smarthome", "POSTGRES_USER", "smarthome",
        "S3_BUCKET_NAME", "test-bucket", "API_KEYS", "admin:unit-test-key-0001",
        "API_TLS_KEY_FILE", dir.resolve("k.pem").toString())));
    assertTrue(e.getMessage().startsWith("API_TLS_CERT_FILE is not set"), e.getMessage());
  }
}
