package smarthome.ingest.app;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.influxdb.InfluxDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.store.Influx;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import smarthome.ingest.app.IngestConfig.SinkName;
import smarthome.ingest.archive.ArchiveModule;
import smarthome.ingest.devices.DevicesModule;
import smarthome.ingest.images.ImagesModule;
import smarthome.ingest.logs.LogsModule;
import smarthome.ingest.pipeline.DeadLetters;
import smarthome.ingest.pipeline.JdbcErrors;
import smarthome.ingest.pipeline.SinkMetrics;
import smarthome.ingest.pipeline.SinkModule;
import smarthome.ingest.pipeline.SinkRunner;
import smarthome.ingest.pipeline.Watermarks;
import smarthome.ingest.readings.ReadingsModule;
import smarthome.ingest.state.StateModule;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One worker process, assembled: the metrics endpoint, one PostgreSQL pool, the schema and the
 * topics, one dead-letter producer, then the selected sinks (each feature package's module), each
 * its own consumer group on its own threads, under one {@link Supervisor}.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final IngestConfig cfg;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Supervisor supervisor = new Supervisor();
  private final ConsumerSettings consumers;
  private final StartupWait startup;
  private final List<AutoCloseable> resources = new ArrayList<>();

  public Worker(IngestConfig cfg) {
    this.cfg = cfg;
    this.consumers = new ConsumerSettings(cfg);
    this.startup = new StartupWait(cfg.backoffInitial, cfg.backoffMax, supervisor::stopping);
  }

  /**
   * Prepares the stores (waiting while one is unavailable) and starts the sinks.
   *
   * @throws StartupException when a store refuses for good (bad credentials, no bucket)
   * @throws InterruptedException when stopped while waiting for a store
   */
  public void start() throws InterruptedException {
    new JvmMemoryMetrics().bindTo(registry);
    // jvm_gc_memory_allocated_bytes_total: what bin/bench divides into bytes allocated per event
    closeLater(new JvmGcMetrics()).bindTo(registry);
    if (cfg.metricsPort >= 0) {
      try {
        MetricsServer m = closeLater(new MetricsServer(cfg.metricsPort, registry, this::healthy));
        log.info("metrics on :{}/metrics", m.port());
      } catch (IOException e) {
        throw new StartupException("cannot open METRICS_PORT " + cfg.metricsPort + ": " + e.getMessage());
      }
    }
    HikariDataSource ds = closeLater(Postgres.pool(cfg.postgres, "ingest",
        2 + cfg.sinks.size() * cfg.consumers));
    startup.until("PostgreSQL schema", () -> {
      try {
        return Postgres.migrate(ds);
      } catch (RuntimeException e) {
        throw JdbcErrors.classifyCause("migrating the schema", e);
      }
    });
    startup.until("Kafka topics", () -> KafkaTopicsStep.run(cfg.kafka));
    Sinks sinks = new Sinks(closeLater(DeadLetters.create(cfg.kafka, consumers.clientId("dlq"))),
        Watermarks.postgres(ds));
    Clock clock = Clock.systemUTC();
    for (SinkName name : cfg.sinks) {
      switch (name) {
        case READINGS -> {
          InfluxDB influx = closeLater(Influx.connect(cfg.influx, 30));
          String db = cfg.influx.database();
          startup.until("InfluxDB database", () -> {
            ReadingsModule.prepare(influx, db);
            return db;
          });
          sinks.run(name, ReadingsModule.create(cfg.influx, influx, clock));
        }
        case DEVICES -> sinks.run(name, DevicesModule.create(ds, clock));
        case LOGS -> sinks.run(name, LogsModule.create(ds, clock));
        case IMAGES -> {
          S3Client s3 = closeLater(S3.client(cfg.s3, cfg.imageUploads + 2));
          startup.until("S3 bucket", () -> {
            ImagesModule.prepare(s3, cfg.s3.bucket());
            return s3;
          });
          sinks.run(name, ImagesModule.create(s3, cfg.s3.bucket(), ds, cfg.imageUploads, clock));
        }
        case STATE -> {
          supervisor.add(StateModule.processor(cfg.kafka, cfg.stateSettings()));
          sinks.run(name, StateModule.sink(ds));
        }
        default -> throw new IllegalStateException(name.toString());
      }
    }
    if (cfg.logArchiveEveryHours > 0) {
      S3Client s3 = closeLater(S3.client(cfg.s3, 4));
      supervisor.add(ArchiveModule.schedule(ds, s3, cfg.s3.bucket(), cfg.logRetentionDays,
          Duration.ofHours(cfg.logArchiveEveryHours), registry));
    }
    supervisor.startAll();
  }

  /** Runs sink modules: their consumers, sharing the dead letters and the watermarks. */
  private final class Sinks {
    private final DeadLetters deadLetters;
    private final Watermarks watermarks;

    Sinks(DeadLetters deadLetters, Watermarks watermarks) {
      this.deadLetters = deadLetters;
      this.watermarks = watermarks;
    }

    <T> void run(SinkName name, SinkModule<T> m) {
      closeLater(m.sink());
      SinkMetrics metrics = new SinkMetrics(registry, m.name());
      for (int i = 0; i < consumers.consumers(m.intake()); i++) {
        var consumer = new KafkaConsumer<>(consumers.consumer(name, m.intake(), i),
            new StringDeserializer(), new ByteArrayDeserializer());
        supervisor.add(new SinkRunner<>(consumers.options(m), consumer, m.decoder(), m.sink(),
            deadLetters, watermarks, metrics));
      }
    }
  }

  /** Blocks until every sink has stopped; returns the first fatal failure, or null. */
  public Throwable awaitStop() throws InterruptedException {
    return supervisor.awaitStop();
  }

  public void stop() {
    supervisor.stop();
  }

  boolean healthy() {
    return supervisor.healthy();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Closes what start() opened, the last opened first. */
  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        log.debug("closing {}: {}", resources.get(i), e.toString());
      }
    }
  }

  private <R extends AutoCloseable> R closeLater(R resource) {
    resources.add(resource);
    return resource;
  }
}
