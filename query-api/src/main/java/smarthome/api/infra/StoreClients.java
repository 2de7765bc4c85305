package smarthome.api.infra;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.influxdb.InfluxDB;
import smarthome.api.ApiConfig;
import smarthome.common.erase.InfluxDeviceEraser;
import smarthome.common.erase.S3DeviceEraser;
import smarthome.common.store.Influx;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The store clients and the helpers over them, built once from {@link ApiConfig}; none connects at construction. */
@Factory
public class StoreClients {
  @Singleton
  @Bean(preDestroy = "close")
  HikariDataSource dataSource(ApiConfig c) {
    HikariDataSource ds = Postgres.pool(c.postgres, "api", 10, Sql.STATEMENT_TIMEOUT);
    // a request must not hang when PostgreSQL is down: fail fast into a 503
    ds.setConnectionTimeout(2_000);
    return ds;
  }

  @Singleton
  Sql sql(HikariDataSource ds) {
    return new Sql(ds);
  }

  @Singleton
  @Bean(preDestroy = "close")
  InfluxDB influx(ApiConfig c) {
    // the query timeout: an answer that takes longer ends the call (and InfluxDB drops the
    // query when the connection closes); InfluxErrors says so in the 503
    return Influx.connect(c.influx, (int) InfluxErrors.QUERY_TIMEOUT.toSeconds(),
        InfluxDB.ResponseFormat.MSGPACK);
  }

  @Singleton
  InfluxQuery influxQuery(InfluxDB influx, ApiConfig c) {
    return new InfluxQuery(influx, c.influx.database());
  }

  @Singleton
  InfluxDeviceEraser influxEraser(InfluxDB influx, ApiConfig c) {
    return new InfluxDeviceEraser(influx, c.influx.database());
  }

  static final int S3_OTHER_CONNECTIONS = 8;

  @Singleton
  @Bean(preDestroy = "close")
  S3Client s3(ApiConfig c) {
    // a connection for every download slot, and some for health probes, erasing and the rest
    return S3.client(c.s3, c.maxDownloads + S3_OTHER_CONNECTIONS);
  }

  @Singleton
  S3DeviceEraser s3Eraser(S3Client s3, ApiConfig c) {
    return new S3DeviceEraser(s3, c.s3.bucket());
  }

  @Singleton
  @Bean(preDestroy = "close")
  S3Presigner presigner(ApiConfig c) {
    return S3.presigner(c.s3);
  }

  /**
   * The producer's buffer: room for every upload slot's image at once (4 x 10 MiB by default) plus
   * a generate call's small events. It is part of the heap budget the README states.
   */
  static final long KAFKA_BUFFER_BYTES = 48L * 1024 * 1024;

  /** The API's one producer, shared by uploads, generate calls and DELETE's tombstones. */
  @Singleton
  @Bean(preDestroy = "close")
  Publisher publisher(ApiConfig c) {
    PublisherOptions d = PublisherOptions.defaults("query-api");
    return Publisher.create(c.kafka, new PublisherOptions(d.clientId(), d.lingerMs(), d.batchSize(),
        d.compression(), KAFKA_BUFFER_BYTES, Duration.ofSeconds(5), Duration.ofSeconds(20)));
  }
}
