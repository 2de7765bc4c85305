package smarthome.api.secure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static smarthome.testkit.SecureStack.env;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.junit.jupiter.api.Test;
import smarthome.common.store.Influx;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import software.amazon.awssdk.core.sync.RequestBody;
import smarthome.testkit.SecureStack;
import software.amazon.awssdk.services.s3.S3Client;

/** Each client connects to the secure stack with the settings bin/stack env prints. */
class SecureClientsIT {
  static final List<String> INGEST =
      List.of("smarthome.devices", "smarthome.readings", "smarthome.logs", "smarthome.images");

  @Test
  void everyKafkaUserLogsInOverSaslSsl() throws Exception {
    for (String role : List.of("producer", "worker", "api", "admin")) {
      // Given the role's printed settings, When an admin client asks for the cluster
      try (Admin admin = Admin.create(SecureStack.kafka(env(role)).clientProperties("it-" + role))) {
        // Then the broker answers over SASL_SSL with SCRAM
        assertNotNull(admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS), role);
      }
    }
  }

  @Test
  void theProducerUserWritesAndTheWorkerUserReads() throws Exception {
    // Given a scratch topic the producer may write and the worker may read (granted by admin,
    // so the ingest topics stay clean)
    String topic = "secure-it." + UUID.randomUUID();
    String group = "smarthome-secure-it-" + UUID.randomUUID();
    ResourcePattern res = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
    try (Admin admin = Admin.create(SecureStack.kafka(env("admin")).clientProperties("it-admin"))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
      admin.createAcls(List.of(allow(res, "User:producer", AclOperation.WRITE),
          allow(res, "User:worker", AclOperation.READ))).all().get(30, TimeUnit.SECONDS);
      try {
        // When the producer user sends, idempotent with acks=all as the simulator does
        Properties pp = SecureStack.kafka(env("producer")).clientProperties("it-producer");
        pp.put(ProducerConfig.ACKS_CONFIG, "all");
        pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        try (var producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
          for (int i = 0; i < 3; i++) {
            producer.send(new ProducerRecord<>(topic, "k", "v" + i)).get(30, TimeUnit.SECONDS);
          }
        }
        // Then the worker user reads them in one of its groups and commits
        Properties cp = SecureStack.kafka(env("worker")).clientProperties("it-worker");
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> seen = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new StringDeserializer())) {
          consumer.subscribe(List.of(topic));
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
          while (seen.size() < 3 && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> seen.add(r.value()));
          }
          consumer.commitSync();
        }
        assertEquals(List.of("v0", "v1", "v2"), seen);
      } finally {
        admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        admin.deleteAcls(List.of(new AclBindingFilter(res.toFilter(), AccessControlEntryFilter.ANY)))
            .all().get(30, TimeUnit.SECONDS);
        admin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theProducerUserMayOnlyWriteTheIngestTopics() throws Exception {
    // Given the stack's ACLs, When we list the producer user's
    Set<String> granted = new TreeSet<>();
    try (Admin admin = Admin.create(SecureStack.kafka(env("admin")).clientProperties("it-admin"))) {
      AclBindingFilter producer = new AclBindingFilter(ResourcePatternFilter.ANY,
          new AccessControlEntryFilter("User:producer", null, AclOperation.ANY, AclPermissionType.ANY));
      for (AclBinding b : admin.describeAcls(producer).values().get(30, TimeUnit.SECONDS)) {
        granted.add(b.entry().permissionType() + " " + b.entry().operation() + " "
            + b.pattern().resourceType() + " " + b.pattern().patternType() + " " + b.pattern().name());
      }
    }
    // Then they are write (and describe) on the four ingest topics, nothing else
    Set<String> expected = new TreeSet<>();
    for (String t : INGEST) {
      expected.add("ALLOW WRITE TOPIC LITERAL " + t);
      expected.add("ALLOW DESCRIBE TOPIC LITERAL " + t);
    }
    assertEquals(expected, granted);
  }

  @Test
  void pgjdbcConnectsWithVerifyFullAndMigrates() throws Exception {
    // Given POSTGRES_SSLMODE=verify-full and the stack's CA
    try (HikariDataSource ds = Postgres.pool(SecureStack.postgres(env("worker")), "it-secure", 2)) {
      // When the schema is migrated as the worker does at start
      Postgres.migrate(ds);
      // Then the session is encrypted
      try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery(
          "select ssl from pg_stat_ssl where pid = pg_backend_pid()")) {
        assertTrue(rs.next() && rs.getBoolean(1), "TLS session");
      }
    }
  }

  @Test
  void influxdbJavaWritesAndReadsOverHttps() {
    String run = UUID.randomUUID().toString();
    var settings = SecureStack.influx(env("worker"));
    try (InfluxDB db = Influx.connect(settings, 10)) {
      // Given the https URL, the CA and the application user, When a point is written
      db.write(settings.database(), "autogen", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS,
          "secure_it,run=" + run + " v=1 " + System.currentTimeMillis());
      // Then it reads back
      var r = db.query(new Query("SELECT count(v) FROM secure_it WHERE run = '" + run + "'",
          settings.database()));
      assertEquals(1.0, ((Number) r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1))
          .doubleValue());
      // and the application user may delete as the API's DELETE /devices/{id} does
      var d = db.query(new Query("DELETE FROM secure_it WHERE run = '" + run + "'", settings.database()));
      assertEquals(null, d.getError());
    }
  }

  @Test
  void theS3SdkStoresAndReadsOverHttps() {
    var settings = SecureStack.s3(env("worker"));
    String key = "secure-it/" + UUID.randomUUID() + ".txt";
    try (S3Client s3 = S3.client(settings, 2)) {
      S3.ensureBucket(s3, settings.bucket());
      s3.putObject(r -> r.bucket(settings.bucket()).key(key), RequestBody.fromString("hello"));
      String back = s3.getObjectAsBytes(r -> r.bucket(settings.bucket()).key(key))
          .asString(StandardCharsets.UTF_8);
      s3.deleteObject(r -> r.bucket(settings.bucket()).key(key));
      assertEquals("hello", back);
    }
  }

  private static AclBinding allow(ResourcePattern res, String principal, AclOperation op) {
    return new AclBinding(res, new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }
}
