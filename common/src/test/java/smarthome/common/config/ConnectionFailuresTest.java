package smarthome.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.influxdb.InfluxDBException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import smarthome.common.config.ConnectionFailures.Kind;
import smarthome.common.config.ConnectionFailures.Service;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class ConnectionFailuresTest {
  static ConnectionFailures.Failure explained(Service s, Throwable t) {
    return ConnectionFailures.explain(s, t).orElseThrow(() -> new AssertionError("not explained: " + t));
  }

  @Test
  void kafkaWrongPasswordNamesTheSaslSettings() {
    var f = explained(Service.KAFKA, new ExecutionException(new SaslAuthenticationException(
        "Authentication failed during authentication due to invalid credentials with SASL "
            + "mechanism SCRAM-SHA-512")));
    assertEquals(Kind.AUTHENTICATION, f.kind());
    assertEquals("Kafka refused the login: check KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (and "
        + "KAFKA_SASL_MECHANISM) (SaslAuthenticationException: Authentication failed during "
        + "authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512)", f.message());
  }

  @Test
  void kafkaMissingAclNamesTheTopics() {
    var f = explained(Service.KAFKA, new TopicAuthorizationException(Set.of("smarthome.readings")));
    assertEquals(Kind.AUTHORIZATION, f.kind());
    assertTrue(f.message().startsWith("Kafka denied access to topic(s) [smarthome.readings]: the user "
        + "in KAFKA_SASL_USERNAME lacks an ACL for them"), f.message());
    var g = explained(Service.KAFKA, new GroupAuthorizationException("denied", "smarthome-readings"));
    assertTrue(g.message().startsWith("Kafka denied access to consumer group 'smarthome-readings'"),
        g.message());
  }

  @Test
  void outagesAreNotExplained() {
    assertEquals(Optional.empty(), ConnectionFailures.explain(Service.KAFKA,
        new TimeoutException("Timed out waiting for a node assignment")));
    assertEquals(Optional.empty(), ConnectionFailures.explain(Service.POSTGRES, new PSQLException(
        "Connection refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException())));
    assertEquals(Optional.empty(), ConnectionFailures.explain(Service.INFLUXDB,
        new InfluxDBException(new IOException("Failed to connect"))));
    assertEquals(Optional.empty(), ConnectionFailures.explain(Service.S3,
        S3Exception.builder().statusCode(503).message("Slow Down").build()));
  }

  @Test
  void postgresWrongPasswordAndMissingTls() {
    var f = explained(Service.POSTGRES, new PSQLException(
        "FATAL: password authentication failed for user \"smarthome\"", PSQLState.INVALID_PASSWORD));
    assertEquals(Kind.AUTHENTICATION, f.kind());
    assertTrue(f.message().startsWith("PostgreSQL refused the login: check POSTGRES_USER and "
        + "POSTGRES_PASSWORD"), f.message());
    var t = explained(Service.POSTGRES, new PSQLException("FATAL: no pg_hba.conf entry for host "
        + "\"127.0.0.1\", user \"smarthome\", database \"smart_building\", no encryption",
        PSQLState.INVALID_AUTHORIZATION_SPECIFICATION));
    assertEquals(Kind.TLS_MISMATCH, t.kind());
    // a pool's wrapper copies the state, not the words: the driver's exception decides
    var pooled = explained(Service.POSTGRES, new java.sql.SQLTransientConnectionException(
        "api - Connection is not available, request timed out after 5000ms", "28000",
        new PSQLException("FATAL: no pg_hba.conf entry for host \"127.0.0.1\", user \"x\", "
            + "database \"y\", no encryption", PSQLState.INVALID_AUTHORIZATION_SPECIFICATION)));
    assertEquals(Kind.TLS_MISMATCH, pooled.kind());
    assertTrue(t.message().startsWith("PostgreSQL accepts only TLS connections here: set "
        + "POSTGRES_SSLMODE to verify-full (or require)"), t.message());
  }

  @Test
  void influxRefusedLoginAndMissingPrivilege() {
    var f = explained(Service.INFLUXDB, new InfluxDBException("authorization failed"));
    assertEquals(Kind.AUTHENTICATION, f.kind());
    assertEquals("InfluxDB refused the login: check INFLUXDB_USER and INFLUXDB_TOKEN "
        + "(InfluxDBException: authorization failed)", f.message());
    var g = explained(Service.INFLUXDB,
        new InfluxDBException("user is not authorized to write to database smarthome"));
    assertEquals(Kind.AUTHORIZATION, g.kind());
  }

  @Test
  void influxPlainHttpToAnHttpsServer() {
    var f = explained(Service.INFLUXDB,
        new InfluxDBException("Client sent an HTTP request to an HTTPS server."));
    assertEquals(Kind.TLS_MISMATCH, f.kind());
    assertTrue(f.message().startsWith("InfluxDB speaks TLS: use an https:// URL in INFLUXDB_URL"));
  }

  @Test
  void s3BadSignatureAndAccessDenied() {
    var f = explained(Service.S3, S3Exception.builder().statusCode(403).message("signature")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("SignatureDoesNotMatch").build()).build());
    assertEquals(Kind.AUTHENTICATION, f.kind());
    assertTrue(f.message().startsWith("S3 refused the credentials: check AWS_ACCESS_KEY_ID and "
        + "AWS_SECRET_ACCESS_KEY"), f.message());
    var g = explained(Service.S3, S3Exception.builder().statusCode(403)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").build()).build());
    assertEquals(Kind.AUTHORIZATION, g.kind());
  }

  @Test
  void anUntrustedCertificateNamesTheCaVariableOfEachService() throws Exception {
    // Given a TLS server whose certificate the client's CA did not sign
    Throwable handshake = handshake(PemTrust.sslContext(
        PemTrust.trustManager("X", TlsFiles.path("other-ca.pem"))), false);
    // Then each service names its own CA variable
    for (var e : java.util.Map.of(Service.KAFKA, "KAFKA_SSL_CA_FILE", Service.POSTGRES,
        "POSTGRES_SSLROOTCERT", Service.INFLUXDB, "INFLUXDB_CA_FILE", Service.S3, "S3_CA_FILE")
        .entrySet()) {
      var f = explained(e.getKey(), SdkClientException.create("Unable to execute HTTP request",
          handshake));
      assertEquals(Kind.TLS_TRUST, f.kind());
      assertTrue(f.message().startsWith("TLS: the server's certificate is not trusted: check "
          + e.getValue() + " "), f.message());
    }
  }

  @Test
  void aCertificateForAnotherHostIsAHostnameFailure() throws Exception {
    // Given a trusted certificate without the host's name (the test certificate has no SAN)
    Throwable handshake = handshake(PemTrust.sslContext(
        PemTrust.trustManager("X", TlsFiles.path("ca.pem"))), true);
    var f = explained(Service.POSTGRES, handshake);
    assertEquals(Kind.TLS_HOSTNAME, f.kind());
    assertTrue(f.message().startsWith("TLS: the server's certificate does not name the host "
        + "connected to: check POSTGRES_HOST"), f.message());
  }

  @Test
  void detailsAreOneBoundedLine() {
    String d = ConnectionFailures.detail(new IOException("first\nsecond " + "x".repeat(1000)));
    assertEquals("IOException: first", d);
    assertTrue(ConnectionFailures.detail(new IOException("y".repeat(1000))).length() < 320);
    assertFalse(ConnectionFailures.detail(new IOException()).contains("null"));
  }

  /** A handshake against a local TLS server presenting client.pem; returns what the client threw. */
  static Throwable handshake(SSLContext client, boolean checkHostname) throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) TlsFiles.serverContext().getServerSocketFactory()
        .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread accept = new Thread(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.startHandshake();
        } catch (IOException e) {
          // the client gives up: expected
        }
      });
      accept.start();
      try (SSLSocket s = (SSLSocket) client.getSocketFactory()
          .createSocket("127.0.0.1", server.getLocalPort())) {
        if (checkHostname) {
          SSLParameters p = s.getSSLParameters();
          p.setEndpointIdentificationAlgorithm("HTTPS");
          s.setSSLParameters(p);
        }
        return assertThrows(IOException.class, s::startHandshake);
      } finally {
        accept.join(5000);
      }
    }
  }
}
