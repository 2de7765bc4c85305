package smarthome.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import smarthome.common.config.Env;
import smarthome.common.config.InfluxSettings;
import smarthome.common.config.KafkaSettings;
import smarthome.common.config.PostgresSettings;
import smarthome.common.config.S3Settings;
import smarthome.common.config.Settings;

/** The stack the benchmark runs on (bin/bench exports its settings), and raw access to it. */
public final class Stack {
  public final Map<String, String> env;
  public final KafkaSettings kafka;
  public final InfluxSettings influx;
  public final PostgresSettings postgres;
  public final S3Settings s3;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public Stack() {
    env = Env.load();
    var c = Settings.parse(Settings.s3(Settings.postgres(Settings.influx(Settings.kafka(new ConfigDef())))), env);
    kafka = KafkaSettings.from(c);
    influx = InfluxSettings.from(c);
    postgres = PostgresSettings.from(c);
    s3 = S3Settings.from(c);
  }

  /** Environment for a child process: the stack's settings plus extras. */
  public Map<String, String> childEnv(Map<String, String> extra) {
    Map<String, String> m = new HashMap<>(env);
    m.putAll(extra);
    return m;
  }

  /** A statement on InfluxDB's /query (ours, no user input). */
  public String influxQuery(String q, boolean post) throws IOException, InterruptedException {
    String body = "q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + "&db=" + influx.database() + "&epoch=ms";
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(influx.url() + "/query" + (post ? "" : "?" + body)))
        .timeout(Duration.ofSeconds(120));
    if (post) {
      b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IOException("InfluxDB " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** Starts a benchmark on an empty InfluxDB database. */
  public void resetInflux() throws IOException, InterruptedException {
    influxQuery("DROP DATABASE \"" + influx.database() + "\"", true);
    influxQuery("CREATE DATABASE \"" + influx.database() + "\"", true);
  }

  /** Points of devices whose id starts with the prefix (letters, digits, _), over every type. */
  public long influxPoints(String prefix) throws IOException, InterruptedException {
    String body = influxQuery("SELECT count(temperature), count(brightness), count(sensitivity), "
        + "count(battery_level), count(energy_usage) FROM sensor_data WHERE device_id =~ /^" + prefix + "/", false);
    var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    var series = node.path("results").path(0).path("series");
    long n = 0;
    if (series.isArray() && series.size() > 0) {
      var row = series.get(0).get("values").get(0);
      for (int i = 1; i < row.size(); i++) {
        n += row.get(i).asLong();
      }
    }
    return n;
  }

  /** Moves a consumer group to the end of a topic, so a worker reads only what comes next. */
  public void groupToEnd(String group, String topic) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties("bench-admin"))) {
      var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, OffsetAndMetadata> target = new HashMap<>();
      admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> target.put(tp, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(group, target).all().get(30, TimeUnit.SECONDS);
    }
  }
}
