package smarthome.api.health;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Connection;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.influxdb.InfluxDB;
import smarthome.api.ApiConfig;
import smarthome.api.infra.SchemaMigrator;
import software.amazon.awssdk.services.s3.S3Client;

/** GET /health: each store and Kafka, checked in parallel with short timeouts; 503 if one is down. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "operations")
public class HealthController implements AutoCloseable {
  private static final long TIMEOUT_MS = 3000;

  @Serdeable
  public record Health(String status, Map<String, String> checks) {}

  private final HikariDataSource ds;
  private final InfluxDB influx;
  private final S3Client s3;
  private final ApiConfig config;
  private final SchemaMigrator schema;
  private final Admin admin;

  public HealthController(HikariDataSource ds, InfluxDB influx, S3Client s3, ApiConfig config,
      SchemaMigrator schema) {
    this.ds = ds;
    this.influx = influx;
    this.s3 = s3;
    this.config = config;
    this.schema = schema;
    var p = config.kafka.clientProperties("query-api-health");
    p.put("request.timeout.ms", "2500");
    p.put("default.api.timeout.ms", "2500");
    p.put("reconnect.backoff.max.ms", "1000");
    this.admin = Admin.create(p);
  }

  @Get("/health")
  @Operation(summary = "Health of the API and of each store (no key needed)")
  @ApiResponse(responseCode = "200", description = "everything answers")
  @ApiResponse(responseCode = "503", description = "at least one store or Kafka is down")
  public MutableHttpResponse<Health> health() {
    Map<String, CompletableFuture<String>> checks = new LinkedHashMap<>();
    checks.put("postgresql", check(() -> {
      try (Connection c = ds.getConnection()) {
        if (!c.isValid(2)) {
          return "DOWN";
        }
        return schema.done() ? "UP" : "MIGRATING";
      } catch (Exception e) {
        return "DOWN";
      }
    }));
    checks.put("influxdb", check(() -> influx.ping().isGood() ? "UP" : "DOWN"));
    checks.put("s3", check(() -> {
      s3.headBucket(r -> r.bucket(config.s3.bucket()));
      return "UP";
    }));
    checks.put("kafka", check(() -> {
      try {
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(2500)).clusterId()
            .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        return "UP";
      } catch (Exception e) {
        return "DOWN";
      }
    }));
    Map<String, String> result = new LinkedHashMap<>();
    boolean up = true;
    for (var e : checks.entrySet()) {
      String s;
      try {
        s = e.getValue().get(TIMEOUT_MS + 500, TimeUnit.MILLISECONDS);
      } catch (Exception ex) {
        s = "DOWN";
      }
      result.put(e.getKey(), s);
      up &= "UP".equals(s);
    }
    MutableHttpResponse<Health> r = HttpResponse.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(new Health(up ? "UP" : "DOWN", result));
    if (!up) {
      r.header("Retry-After", "5");
    }
    return r;
  }

  private static CompletableFuture<String> check(Supplier<String> probe) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return probe.get();
      } catch (RuntimeException e) {
        return "DOWN";
      }
    }).completeOnTimeout("DOWN", TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
