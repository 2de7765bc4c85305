package smarthome.ingest.app;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.influxdb.InfluxDB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.kafka.TopicAdmin;
import smarthome.common.kafka.TopicSpec;
import smarthome.common.kafka.Topics;
import smarthome.common.store.Influx;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import smarthome.ingest.app.IngestConfig.SinkName;
import smarthome.ingest.devices.PostgresDeviceSink;
import smarthome.ingest.images.S3ImageSink;
import smarthome.ingest.logs.PostgresLogSink;
import smarthome.ingest.pipeline.Backoff;
import smarthome.ingest.pipeline.Component;
import smarthome.ingest.pipeline.DeadLetters;
import smarthome.ingest.pipeline.Decoder;
import smarthome.ingest.pipeline.Sink;
import smarthome.ingest.pipeline.SinkMetrics;
import smarthome.ingest.pipeline.SinkRunner;
import smarthome.ingest.pipeline.Watermarks;
import smarthome.ingest.readings.InfluxReadingSink;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * One worker process: the selected sinks, each its own consumer group on its own thread, sharing
 * one PostgreSQL pool, the store clients, the dead-letter producer and the metrics endpoint.
 */
public final class Worker implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final IngestConfig cfg;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<Component> runners = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private volatile boolean stopping;

  public Worker(IngestConfig cfg) {
    this.cfg = cfg;
  }

  /**
   * Prepares the stores (waiting while one is unavailable) and starts the sinks.
   *
   * @throws StartupException when a store refuses for good (bad credentials, no bucket)
   */
  public void start() throws InterruptedException {
    new JvmMemoryMetrics().bindTo(registry);
    if (cfg.metricsPort >= 0) {
      try {
        MetricsServer m = new MetricsServer(cfg.metricsPort, registry, this::healthy);
        resources.add(m);
        log.info("metrics on :{}/metrics", m.port());
      } catch (IOException e) {
        throw new StartupException("cannot open METRICS_PORT " + cfg.metricsPort + ": " + e.getMessage());
      }
    }
    HikariDataSource ds = Postgres.pool(cfg.postgres, "ingest", 2 + cfg.sinks.size() * cfg.consumers);
    resources.add(ds);
    waitFor("PostgreSQL schema", () -> Postgres.migrate(ds));
    waitFor("Kafka topics", () -> {
      try (Admin admin = Admin.create(cfg.kafka.clientProperties("ingest-admin"))) {
        List<TopicSpec<?>> all = Topics.all();
        return TopicAdmin.ensureTopics(admin, all, cfg.kafka.topicPartitions(), (short) 1, 10_000);
      }
    });
    DeadLetters dlq = DeadLetters.create(cfg.kafka, clientId("dlq"));
    resources.add(dlq);
    Watermarks watermarks = Watermarks.postgres(ds);
    Clock clock = Clock.systemUTC();
    for (SinkName name : cfg.sinks) {
      switch (name) {
        case READINGS -> {
          InfluxDB influx = Influx.connect(cfg.influx, 30);
          resources.add(influx::close);
          waitFor("InfluxDB database", () -> {
            influx.ping();
            influx.query(new org.influxdb.dto.Query("CREATE DATABASE \"" + cfg.influx.database() + "\""));
            return null;
          });
          add(name, Topics.READINGS, Decoders.readings(clock),
              new InfluxReadingSink(influx, cfg.influx.database()), dlq, watermarks, 1 << 20);
        }
        case DEVICES -> add(name, Topics.DEVICES, Decoders.devices(clock), new PostgresDeviceSink(ds),
            dlq, watermarks, 1 << 20);
        case LOGS -> add(name, Topics.LOGS, Decoders.logs(clock), new PostgresLogSink(ds), dlq,
            watermarks, 1 << 20);
        case IMAGES -> {
          S3Client s3 = S3.client(cfg.s3, cfg.imageUploads + 2);
          resources.add(s3);
          waitFor("S3 bucket", () -> {
            try {
              return S3.ensureBucket(s3, cfg.s3.bucket());
            } catch (S3Exception e) {
              if (e.statusCode() == 403 || e.statusCode() == 401) {
                throw new StartupException("S3 refused access to bucket " + cfg.s3.bucket()
                    + ": check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and S3_BUCKET_NAME ("
                    + e.getMessage() + ")");
              }
              throw e;
            }
          });
          add(name, Topics.IMAGES, Decoders.images(clock),
              new S3ImageSink(s3, cfg.s3.bucket(), ds, cfg.imageUploads), dlq, watermarks,
              Topics.IMAGE_MAX_MESSAGE_BYTES);
        }
        case STATE -> {
          runners.add(new smarthome.ingest.state.StateService(
              smarthome.ingest.state.DeviceStateTopology.options(cfg.statePunctuate,
                  cfg.stateOfflineMultiple, cfg.stateOfflineMin),
              smarthome.ingest.state.DeviceStateTopology.streamsConfig(cfg.kafka, cfg.stateDir,
                  cfg.stateInstanceId)));
          add(name, Topics.DEVICE_STATE, Decoders.states(),
              new smarthome.ingest.state.PostgresStateSink(ds), dlq, watermarks, 1 << 20);
        }
        default -> throw new IllegalStateException(name.toString());
      }
    }
    if (cfg.logArchiveEveryHours > 0) {
      S3Client s3 = S3.client(cfg.s3, 4);
      resources.add(s3);
      runners.add(new smarthome.ingest.archive.ArchiveSchedule(
          new smarthome.ingest.archive.LogArchiver(ds, s3, cfg.s3.bucket(), Clock.systemUTC()),
          cfg.logRetentionDays, Duration.ofHours(cfg.logArchiveEveryHours), registry));
    }
    for (Component r : runners) {
      Thread t = new Thread(r, "sink-" + r.name());
      threads.add(t);
      t.start();
    }
  }

  private <T> void add(SinkName name, TopicSpec<?> topic, Decoder<T> decoder, Sink<T> sink,
      DeadLetters dlq, Watermarks watermarks, int maxRecordBytes) {
    resources.add(sink);
    boolean images = name == SinkName.IMAGES;
    int batch = images ? Math.min(cfg.batchSize, 32) : cfg.batchSize;
    Properties p = cfg.kafka.clientProperties(clientId(name.wire()));
    // <prefix>-state for the state table's sink: the Streams processor's own group is its
    // application id, and one group cannot hold both kinds of member
    p.put(ConsumerConfig.GROUP_ID_CONFIG, cfg.groupId(name));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(Math.min(batch, 2000)));
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(Math.max(maxRecordBytes, 1 << 20)));
    p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(images ? 2 * maxRecordBytes : 8 << 20));
    p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, images ? "1" : "65536");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    // a killed worker's partitions move to the others after 10 s, not the default 45 s
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
    p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "2000");
    String sinkName = name == SinkName.STATE ? "device-state" : name.wire();
    SinkRunner.Options o = new SinkRunner.Options(sinkName, topic.name(), batch,
        images ? 64L << 20 : 32L << 20, cfg.linger, cfg.backoffInitial, cfg.backoffMax,
        Duration.ofSeconds(20));
    SinkMetrics metrics = new SinkMetrics(registry, sinkName);
    // the busy sinks get several consumers of the same group: while one waits for its store,
    // another decodes; Kafka spreads the partitions over them
    int consumers = name == SinkName.READINGS || name == SinkName.LOGS ? cfg.consumers : 1;
    for (int i = 0; i < consumers; i++) {
      Properties pi = new Properties();
      pi.putAll(p);
      pi.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(name.wire()) + "-" + i);
      var consumer = new KafkaConsumer<>(pi, new StringDeserializer(), new ByteArrayDeserializer());
      runners.add(new SinkRunner<>(o, consumer, decoder, sink, dlq, watermarks, metrics));
    }
  }

  /** Blocks until every sink has stopped; returns the first fatal failure, or null. */
  public Throwable awaitStop() throws InterruptedException {
    while (true) {
      for (int i = 0; i < threads.size(); i++) {
        Thread t = threads.get(i);
        if (!t.isAlive()) {
          Throwable f = runners.get(i).failure();
          if (f != null || stopping) {
            stop();
            for (Thread other : threads) {
              other.join(30_000);
            }
            return f;
          }
          if (!stopping) {
            // a sink ended without being asked: treat it as a failure of the worker
            stop();
            return new IllegalStateException("sink " + runners.get(i).name() + " stopped");
          }
        }
      }
      Thread.sleep(200);
    }
  }

  public void stop() {
    stopping = true;
    runners.forEach(Component::stop);
  }

  boolean healthy() {
    return !stopping && threads.stream().allMatch(Thread::isAlive);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

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

  private String clientId(String role) {
    return cfg.groupPrefix + "-" + role + "-" + ManagementFactory.getRuntimeMXBean().getPid();
  }

  /** Runs a start-up step, retrying with backoff while the store is unavailable. */
  private <T> T waitFor(String what, Callable<T> step) throws InterruptedException {
    Backoff b = new Backoff(cfg.backoffInitial, cfg.backoffMax);
    while (true) {
      if (stopping) {
        throw new InterruptedException("stopped while waiting for " + what);
      }
      try {
        return step.call();
      } catch (StartupException e) {
        throw e;
      } catch (Exception e) {
        String msg = rootMessage(e);
        if (msg.contains("password authentication failed") || msg.contains("SQLSTATE(28")) {
          throw new StartupException("PostgreSQL refused the login: check POSTGRES_USER and "
              + "POSTGRES_PASSWORD (" + msg + ")");
        }
        if (msg.contains("authorization failed") || msg.contains("unable to parse authentication")) {
          throw new StartupException("InfluxDB refused the credentials: check INFLUXDB_USER and "
              + "INFLUXDB_TOKEN (" + msg + ")");
        }
        long d = b.nextDelayMs();
        if (b.attempts() == 1 || b.attempts() % 10 == 0) {
          log.warn("waiting for {}: {} (retry {} in {} ms)", what, msg, b.attempts(), d);
        }
        Thread.sleep(d);
      }
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      sb.append(" / ").append(t.getMessage());
    }
    return sb.toString();
  }

  /** A start-up failure that waiting cannot fix; its message names the setting. */
  public static final class StartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
      super(message);
    }
  }
}
