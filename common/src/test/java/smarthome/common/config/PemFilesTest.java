package smarthome.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
  @TempDir
  Path dir;

  @Test
  void readsEveryCertificateOfABundle() throws Exception {
    Path bundle = TlsFiles.write(dir, "bundle.pem", "comment line\n"
        + Files.readString(TlsFiles.path("ca.pem")) + Files.readString(TlsFiles.path("other-ca.pem")));
    assertEquals(2, PemFiles.certificates("X_CA_FILE", bundle).size());
  }

  @Test
  void missingFileIsNamedWithItsVariable() {
    var e = assertThrows(ConfigError.class,
        () -> PemFiles.certificates("KAFKA_SSL_CA_FILE", dir.resolve("nope.pem")));
    assertEquals("KAFKA_SSL_CA_FILE: file " + dir.resolve("nope.pem") + " does not exist",
        e.getMessage());
  }

  @Test
  void aDirectoryIsNotAFile() {
    var e = assertThrows(ConfigError.class, () -> PemFiles.certificates("S3_CA_FILE", dir));
    assertEquals("S3_CA_FILE: " + dir + " is not a regular file", e.getMessage());
  }

  @Test
  void derAndTextAreNotPem() {
    for (Path p : new Path[] {TlsFiles.path("ca.der"), TlsFiles.write(dir, "t.pem", "hello\n")}) {
      var e = assertThrows(ConfigError.class, () -> PemFiles.certificates("INFLUXDB_CA_FILE", p));
      assertEquals("INFLUXDB_CA_FILE: " + p
          + " is not a PEM certificate file (no -----BEGIN CERTIFICATE----- block)", e.getMessage());
    }
  }

  @Test
  void aKeyFileIsNotACertificateFile() {
    var e = assertThrows(ConfigError.class,
        () -> PemFiles.certificates("KAFKA_SSL_CA_FILE", TlsFiles.path("client.key")));
    assertTrue(e.getMessage().startsWith("KAFKA_SSL_CA_FILE: "), e.getMessage());
    assertFalse(e.getMessage().contains("MII"), "never echoes the contents: " + e.getMessage());
  }

  @Test
  void aBrokenCertificateBlockIsRefused() {
    Path p = TlsFiles.write(dir, "broken.pem",
        "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
    var e = assertThrows(ConfigError.class, () -> PemFiles.certificates("S3_CA_FILE", p));
    assertEquals("S3_CA_FILE: " + p + " holds a certificate that does not parse", e.getMessage());
  }

  @Test
  void readsPkcs8KeysPlainAndEncrypted() {
    assertFalse(PemFiles.privateKey("K", TlsFiles.path("client.key")).encrypted());
    assertTrue(PemFiles.privateKey("K", TlsFiles.path("client-encrypted.key")).encrypted());
    assertFalse(PemFiles.privateKey("K", TlsFiles.path("other.key")).encrypted(), "EC");
  }

  @Test
  void aPkcs1KeyIsRefusedWithTheConversionCommand() {
    Path p = TlsFiles.path("client-pkcs1.key");
    var e = assertThrows(ConfigError.class, () -> PemFiles.privateKey("KAFKA_SSL_KEY_FILE", p));
    assertEquals("KAFKA_SSL_KEY_FILE: " + p + " is a RSA PRIVATE KEY (PKCS#1/SEC1); only PKCS#8 keys "
        + "are read: convert it with openssl pkcs8 -topk8 -nocrypt -in " + p
        + " -out key.pk8.pem", e.getMessage());
  }

  @Test
  void aCertificateIsNotAKey() {
    Path p = TlsFiles.path("client.pem");
    var e = assertThrows(ConfigError.class, () -> PemFiles.privateKey("KAFKA_SSL_KEY_FILE", p));
    assertEquals("KAFKA_SSL_KEY_FILE: " + p
        + " is not a PEM private key file (no -----BEGIN PRIVATE KEY----- block)", e.getMessage());
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    X509Certificate cert = PemFiles.certificates("C", TlsFiles.path("client.pem")).get(0);
    PemFiles.checkKeyMatches("K", TlsFiles.path("client.key"),
        PemFiles.privateKey("K", TlsFiles.path("client.key")), "C", cert);
    Path other = TlsFiles.path("other.key");
    var e = assertThrows(ConfigError.class, () -> PemFiles.checkKeyMatches("KAFKA_SSL_KEY_FILE",
        other, PemFiles.privateKey("K", other), "KAFKA_SSL_CERT_FILE", cert));
    assertEquals("KAFKA_SSL_KEY_FILE: the key in " + other
        + " does not belong to the certificate in KAFKA_SSL_CERT_FILE", e.getMessage());
  }

  @Test
  void keyToStringHidesTheKey() {
    assertEquals("PemKey[plain]", PemFiles.privateKey("K", TlsFiles.path("client.key")).toString());
  }

  @Test
  void trustManagerTrustsExactlyTheBundle() throws Exception {
    var tm = PemTrust.trustManager("X_CA_FILE", TlsFiles.path("ca.pem"));
    X509Certificate[] signed = PemFiles.certificates("C", TlsFiles.path("client.pem"))
        .toArray(new X509Certificate[0]);
    tm.checkServerTrusted(signed, "RSA");
    var other = PemTrust.trustManager("X_CA_FILE", TlsFiles.path("other-ca.pem"));
    assertThrows(CertificateException.class, () -> other.checkServerTrusted(signed, "RSA"));
  }
}
