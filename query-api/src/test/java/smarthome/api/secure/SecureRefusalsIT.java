package smarthome.api.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smarthome.testkit.SecureStack.env;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import smarthome.common.config.ConnectionFailures;
import smarthome.common.config.ConnectionFailures.Failure;
import smarthome.common.config.ConnectionFailures.Kind;
import smarthome.common.config.ConnectionFailures.Service;
import smarthome.common.config.KafkaSettings;
import smarthome.common.store.Influx;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import smarthome.testkit.SecureStack;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the secure stack refuses, and that each refusal is explained by the setting to fix rather
 * than left to an endless retry. Each message is printed ("REFUSAL ...") for the record.
 */
class SecureRefusalsIT {
  static final TopicPartition READINGS_0 = new TopicPartition("smarthome.readings", 0);

  @TempDir
  Path dir;

  @Test
  void aPlaintextKafkaClientGetsNoAnswerAndIsToldWhy() {
    // Given a client that speaks plain text to the SASL_SSL listener
    KafkaSettings k = SecureStack.kafka(env("worker", "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT",
        "KAFKA_SASL_MECHANISM", "", "KAFKA_SASL_USERNAME", "", "KAFKA_SASL_PASSWORD", "",
        "KAFKA_SSL_CA_FILE", ""));
    // When it asks for the cluster, Then the broker never answers it (the client would retry):
    // the admin client's own timeout, or on a loaded machine the caller's wait ending first
    Exception e = assertThrows(Exception.class, () -> describeCluster(k, 5000));
    assertTrue(e instanceof java.util.concurrent.TimeoutException
        || e instanceof ExecutionException && e.getCause() instanceof TimeoutException, e.toString());
    assertTrue(ConnectionFailures.explain(Service.KAFKA, e).isEmpty(), "a timeout alone says nothing");
    // and the probe explains it by the setting
    Failure f = ConnectionFailures.explainKafkaSilence(k, Duration.ofSeconds(5)).orElseThrow();
    report("plaintext Kafka client", f);
    assertEquals(Kind.TLS_MISMATCH, f.kind());
    assertTrue(f.message().contains("speaks TLS but KAFKA_SECURITY_PROTOCOL is PLAINTEXT"), f.message());
  }

  @Test
  void aWrongKafkaPasswordIsRefusedNamingTheSettings() {
    String wrong = "not-the-password-" + System.nanoTime();
    KafkaSettings k = SecureStack.kafka(env("worker", "KAFKA_SASL_PASSWORD", wrong));
    var e = assertThrows(ExecutionException.class, () -> describeCluster(k, 15000));
    assertInstanceOf(SaslAuthenticationException.class, e.getCause());
    Failure f = explained(Service.KAFKA, e, "wrong Kafka password");
    assertEquals(Kind.AUTHENTICATION, f.kind());
    assertTrue(f.message().startsWith("Kafka refused the login: check KAFKA_SASL_USERNAME and "
        + "KAFKA_SASL_PASSWORD"), f.message());
    assertFalse(f.message().contains(wrong), "the password is not repeated");
  }

  @Test
  void theProducerUserCannotRead() {
    Properties p = SecureStack.kafka(env("producer")).clientProperties("it-producer-reads");
    try (var c = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      c.assign(List.of(READINGS_0));
      c.seekToBeginning(List.of(READINGS_0));
      var e = assertThrows(TopicAuthorizationException.class, () -> {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
          c.poll(Duration.ofMillis(500));
        }
      });
      Failure f = explained(Service.KAFKA, e, "producer user reads");
      assertEquals(Kind.AUTHORIZATION, f.kind());
      assertTrue(f.message().startsWith("Kafka denied access to topic(s) [smarthome.readings]"),
          f.message());
    }
  }

  @Test
  void theProducerUserCannotDeleteRecords() {
    Properties p = SecureStack.kafka(env("producer")).clientProperties("it-producer-deletes");
    try (Admin admin = Admin.create(p)) {
      // (before offset 0: nothing would go even if the broker allowed it)
      var e = assertThrows(ExecutionException.class, () -> admin.deleteRecords(
          Map.of(READINGS_0, RecordsToDelete.beforeOffset(0))).all().get(30, TimeUnit.SECONDS));
      assertInstanceOf(TopicAuthorizationException.class, e.getCause());
      Failure f = explained(Service.KAFKA, e, "producer user deletes records");
      assertEquals(Kind.AUTHORIZATION, f.kind());
      assertTrue(f.message().startsWith("Kafka denied an operation on a topic: the user in "
          + "KAFKA_SASL_USERNAME lacks an ACL for it"), f.message());
    }
  }

  @Test
  void aPostgresConnectionWithoutTlsIsRefused() {
    var settings = SecureStack.postgres(env("worker", "POSTGRES_SSLMODE", "disable",
        "POSTGRES_SSLROOTCERT", ""));
    try (HikariDataSource ds = Postgres.pool(settings, "it-no-tls", 1)) {
      var e = assertThrows(SQLException.class, () -> {
        try (Connection c = ds.getConnection()) {
          c.isValid(1);
        }
      });
      Failure f = explained(Service.POSTGRES, e, "PostgreSQL with sslmode=disable");
      assertEquals(Kind.TLS_MISMATCH, f.kind());
      assertTrue(f.message().startsWith("PostgreSQL accepts only TLS connections here: set "
          + "POSTGRES_SSLMODE"), f.message());
    }
  }

  @Test
  void aKafkaClientWithTheWrongCaNamesKafkaSslCaFile() {
    KafkaSettings k = SecureStack.kafka(env("worker", "KAFKA_SSL_CA_FILE",
        SecureStack.otherCa(dir).toString()));
    var e = assertThrows(ExecutionException.class, () -> describeCluster(k, 15000));
    assertInstanceOf(SslAuthenticationException.class, e.getCause());
    assertWrongCa(Service.KAFKA, e, "KAFKA_SSL_CA_FILE");
  }

  @Test
  void aPostgresClientWithTheWrongCaNamesPostgresSslrootcert() {
    var settings = SecureStack.postgres(env("worker", "POSTGRES_SSLROOTCERT",
        SecureStack.otherCa(dir).toString()));
    try (HikariDataSource ds = Postgres.pool(settings, "it-wrong-ca", 1)) {
      var e = assertThrows(SQLException.class, () -> ds.getConnection().close());
      assertWrongCa(Service.POSTGRES, e, "POSTGRES_SSLROOTCERT");
    }
  }

  @Test
  void anInfluxClientWithTheWrongCaNamesInfluxdbCaFile() {
    var settings = SecureStack.influx(env("worker", "INFLUXDB_CA_FILE",
        SecureStack.otherCa(dir).toString()));
    try (InfluxDB db = Influx.connect(settings, 10)) {
      var e = assertThrows(RuntimeException.class,
          () -> db.query(new Query("SHOW DATABASES", settings.database())));
      assertWrongCa(Service.INFLUXDB, e, "INFLUXDB_CA_FILE");
    }
  }

  @Test
  void anS3ClientWithTheWrongCaNamesS3CaFile() {
    var settings = SecureStack.s3(env("worker", "S3_CA_FILE", SecureStack.otherCa(dir).toString()));
    try (S3Client s3 = S3.client(settings, 1)) {
      var e = assertThrows(RuntimeException.class, () -> s3.headBucket(r -> r.bucket(settings.bucket())));
      assertWrongCa(Service.S3, e, "S3_CA_FILE");
    }
  }

  private static void assertWrongCa(Service s, Throwable e, String variable) {
    Failure f = explained(s, e, "wrong CA for " + s);
    assertEquals(Kind.TLS_TRUST, f.kind());
    assertTrue(f.message().startsWith("TLS: the server's certificate is not trusted: check "
        + variable + " "), f.message());
  }

  private static Failure explained(Service s, Throwable e, String what) {
    Failure f = ConnectionFailures.explain(s, e)
        .orElseThrow(() -> new AssertionError("not explained: " + e, e));
    report(what, f);
    return f;
  }

  private static void report(String what, Failure f) {
    System.out.println("REFUSAL " + what + ": " + f.message());
  }

  private static void describeCluster(KafkaSettings k, int timeoutMs) throws Exception {
    Properties p = k.clientProperties("it-refused");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(timeoutMs, 5000)));
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Integer.toString(timeoutMs));
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster().clusterId().get(timeoutMs + 5000L, TimeUnit.MILLISECONDS);
    }
  }
}
