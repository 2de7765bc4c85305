package smarthome.api.health;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.influxdb.InfluxDB;
import smarthome.api.ApiConfig;
import smarthome.api.infra.SchemaMigrator;
import software.amazon.awssdk.services.s3.S3Client;

/** Probes of each store and Kafka, run in parallel with a short timeout on threads of their own. */
@Singleton
public class StoreHealth {
  static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;
  private final ProbeRunner runner;

  public StoreHealth(HikariDataSource ds, InfluxDB influx, S3Client s3, ApiConfig config,
      SchemaMigrator schema) {
    var p = config.kafka.clientProperties("query-api-health");
    p.put("request.timeout.ms", "2500");
    p.put("default.api.timeout.ms", "2500");
    p.put("reconnect.backoff.max.ms", "1000");
    this.admin = Admin.create(p);
    Map<String, Callable<String>> probes = new LinkedHashMap<>();
    probes.put("postgresql", () -> {
      try (Connection c = ds.getConnection()) {
        if (!c.isValid(2)) {
          return ProbeRunner.DOWN;
        }
        return schema.done() ? ProbeRunner.UP : "MIGRATING";
      }
    });
    probes.put("influxdb", () -> influx.ping().isGood() ? ProbeRunner.UP : ProbeRunner.DOWN);
    probes.put("s3", () -> {
      s3.headBucket(r -> r.bucket(config.s3.bucket()));
      return ProbeRunner.UP;
    });
    probes.put("kafka", () -> {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(2500)).clusterId()
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return ProbeRunner.UP;
    });
    this.runner = new ProbeRunner(probes, TIMEOUT, "health-probe");
  }

  /** Each store's state: UP, DOWN, or MIGRATING for PostgreSQL before the schema is in place. */
  public Map<String, String> check() {
    return runner.runAll();
  }

  /** Whether every state is UP. */
  public static boolean allUp(Map<String, String> states) {
    return states.values().stream().allMatch(ProbeRunner.UP::equals);
  }

  @PreDestroy
  void close() {
    runner.close();
    admin.close(Duration.ofSeconds(2));
  }
}
