package smarthome.ingest.app;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import smarthome.common.config.ConfigError;
import smarthome.common.config.InfluxSettings;
import smarthome.common.config.KafkaSettings;
import smarthome.common.config.PostgresSettings;
import smarthome.common.config.S3Settings;
import smarthome.common.config.Settings;
import smarthome.ingest.state.StateSettings;

/**
 * The ingest worker's configuration, parsed once at start-up. Only the stores the selected sinks
 * use must be configured: readings need InfluxDB, images S3, and every sink PostgreSQL (deletion
 * watermarks).
 */
public final class IngestConfig {
  public enum SinkName {
    READINGS, DEVICES, LOGS, IMAGES, STATE;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String INGEST_SINKS = "INGEST_SINKS";
  public static final String INGEST_BATCH_SIZE = "INGEST_BATCH_SIZE";
  public static final String INGEST_LINGER_MS = "INGEST_LINGER_MS";
  public static final String INGEST_BACKOFF_INITIAL_MS = "INGEST_BACKOFF_INITIAL_MS";
  public static final String INGEST_BACKOFF_MAX_MS = "INGEST_BACKOFF_MAX_MS";
  public static final String INGEST_GROUP_PREFIX = "INGEST_GROUP_PREFIX";
  public static final String INGEST_IMAGE_UPLOADS = "INGEST_IMAGE_UPLOADS";
  public static final String INGEST_CONSUMERS = "INGEST_CONSUMERS";
  public static final String METRICS_PORT = "METRICS_PORT";
  public static final String LOG_RETENTION_DAYS = "LOG_RETENTION_DAYS";
  public static final String LOG_ARCHIVE_EVERY_HOURS = "LOG_ARCHIVE_EVERY_HOURS";
  public static final String STATE_DIR = "STATE_DIR";
  public static final String STATE_INSTANCE_ID = "STATE_INSTANCE_ID";
  public static final String STATE_PUNCTUATE_MS = "STATE_PUNCTUATE_MS";
  public static final String STATE_OFFLINE_MULTIPLE = "STATE_OFFLINE_MULTIPLE";
  public static final String STATE_OFFLINE_MIN_MS = "STATE_OFFLINE_MIN_MS";

  public final Set<SinkName> sinks;
  public final int batchSize;
  public final Duration linger;
  public final Duration backoffInitial;
  public final Duration backoffMax;
  public final String groupPrefix;
  public final int imageUploads;
  public final int consumers;
  public final int metricsPort;
  public final int logRetentionDays;
  public final int logArchiveEveryHours;
  public final String stateDir;
  public final String stateInstanceId;
  public final Duration statePunctuate;
  public final int stateOfflineMultiple;
  public final Duration stateOfflineMin;
  public final KafkaSettings kafka;
  public final PostgresSettings postgres;
  public final InfluxSettings influx;
  public final S3Settings s3;

  private IngestConfig(Set<SinkName> sinks, AbstractConfig c) {
    this.sinks = sinks;
    batchSize = c.getInt(INGEST_BATCH_SIZE);
    linger = Duration.ofMillis(c.getLong(INGEST_LINGER_MS));
    backoffInitial = Duration.ofMillis(c.getLong(INGEST_BACKOFF_INITIAL_MS));
    backoffMax = Duration.ofMillis(c.getLong(INGEST_BACKOFF_MAX_MS));
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new ConfigError("configuration error: " + INGEST_BACKOFF_MAX_MS + " must not be below "
          + INGEST_BACKOFF_INITIAL_MS);
    }
    groupPrefix = c.getString(INGEST_GROUP_PREFIX);
    imageUploads = c.getInt(INGEST_IMAGE_UPLOADS);
    consumers = c.getInt(INGEST_CONSUMERS);
    metricsPort = c.getInt(METRICS_PORT);
    logRetentionDays = c.getInt(LOG_RETENTION_DAYS);
    logArchiveEveryHours = c.getInt(LOG_ARCHIVE_EVERY_HOURS);
    stateDir = c.getString(STATE_DIR);
    String instance = c.getString(STATE_INSTANCE_ID);
    stateInstanceId = instance.isEmpty() ? defaultInstanceId(stateDir) : instance;
    statePunctuate = Duration.ofMillis(c.getLong(STATE_PUNCTUATE_MS));
    stateOfflineMultiple = c.getInt(STATE_OFFLINE_MULTIPLE);
    stateOfflineMin = Duration.ofMillis(c.getLong(STATE_OFFLINE_MIN_MS));
    kafka = KafkaSettings.from(c);
    postgres = PostgresSettings.from(c);
    influx = sinks.contains(SinkName.READINGS) ? InfluxSettings.from(c) : null;
    s3 = sinks.contains(SinkName.IMAGES) || logArchiveEveryHours > 0 ? S3Settings.from(c) : null;
  }

  /**
   * @param sinksOverride the --sinks flag, or null to use INGEST_SINKS
   * @throws ConfigError naming the variable
   */
  public static IngestConfig parse(Map<String, String> env, String sinksOverride, Integer metricsPort) {
    Set<SinkName> sinks = parseSinks(sinksOverride != null ? sinksOverride
        : env.getOrDefault(INGEST_SINKS, "readings,devices,logs,images"),
        sinksOverride != null ? "--sinks" : INGEST_SINKS);
    ConfigDef def = Settings.postgres(Settings.kafka(new ConfigDef()))
        .define(INGEST_BATCH_SIZE, Type.INT, 5000, Range.between(1, 100_000), Importance.MEDIUM,
            "most events written to a store in one batch")
        .define(INGEST_LINGER_MS, Type.LONG, 100L, Range.between(0, 60_000), Importance.MEDIUM,
            "longest a partial batch waits for more events")
        .define(INGEST_BACKOFF_INITIAL_MS, Type.LONG, 200L, Range.between(1, 600_000), Importance.LOW,
            "first delay after a retriable store error; doubles up to the maximum")
        .define(INGEST_BACKOFF_MAX_MS, Type.LONG, 10_000L, Range.between(1, 600_000),
            Importance.LOW, "longest delay between two attempts while a store is down")
        .define(INGEST_GROUP_PREFIX, Type.STRING, "smarthome", Importance.LOW,
            "consumer groups are <prefix>-<sink>")
        .define(INGEST_IMAGE_UPLOADS, Type.INT, 4, Range.between(1, 64), Importance.LOW,
            "parallel S3 uploads of the images sink")
        .define(INGEST_CONSUMERS, Type.INT, 3, Range.between(1, 64), Importance.LOW,
            "consumers (threads) of the readings and logs sinks in this process")
        .define(METRICS_PORT, Type.INT, 9400, Range.between(-1, 65535), Importance.LOW,
            "Prometheus endpoint port (/metrics); -1 disables it")
        .define(LOG_RETENTION_DAYS, Type.INT, 30, Range.between(1, 36_500), Importance.MEDIUM,
            "logs older than this many days move from PostgreSQL to S3 archives")
        .define(LOG_ARCHIVE_EVERY_HOURS, Type.INT, 0, Range.between(0, 24 * 366), Importance.LOW,
            "run the log archiver inside the worker this often; 0 = only by the archive-logs command")
        .define(STATE_DIR, Type.STRING, System.getProperty("java.io.tmpdir") + "/smarthome-state",
            Importance.LOW, "where the state processor keeps its RocksDB stores")
        .define(STATE_INSTANCE_ID, Type.STRING, "", Importance.LOW,
            "static group member id of this state processor (default: host and STATE_DIR)")
        .define(STATE_PUNCTUATE_MS, Type.LONG, 1000L, Range.between(100, 600_000), Importance.LOW,
            "how often changed states are published and quiet devices checked")
        .define(STATE_OFFLINE_MULTIPLE, Type.INT, 3, Range.between(1, 1000), Importance.LOW,
            "a device is offline after this many of its usual intervals without a reading")
        .define(STATE_OFFLINE_MIN_MS, Type.LONG, 30_000L, Range.between(1000, 86_400_000), Importance.LOW,
            "but never sooner than this");
    if (sinks.contains(SinkName.READINGS)) {
      Settings.influx(def);
    }
    if (sinks.contains(SinkName.IMAGES) || archives(env)) {
      Settings.s3(def);
    }
    Map<String, String> merged = new java.util.HashMap<>(env);
    if (metricsPort != null) {
      merged.put(METRICS_PORT, Integer.toString(metricsPort));
    }
    return new IngestConfig(sinks, Settings.parse(def, merged));
  }

  private static boolean archives(Map<String, String> env) {
    String v = env.get(LOG_ARCHIVE_EVERY_HOURS);
    return v != null && !v.isBlank() && !v.strip().equals("0");
  }

  static Set<SinkName> parseSinks(String list, String source) {
    Set<SinkName> out = EnumSet.noneOf(SinkName.class);
    for (String s : List.of(list.split(","))) {
      String t = s.trim().toUpperCase(Locale.ROOT);
      if (t.isEmpty()) {
        continue;
      }
      try {
        out.add(SinkName.valueOf(t));
      } catch (IllegalArgumentException e) {
        throw new ConfigError("configuration error: " + source + ": unknown sink '" + s.trim()
            + "' (readings, devices, logs, images, state)");
      }
    }
    if (out.isEmpty()) {
      throw new ConfigError("configuration error: " + source + " selects no sink");
    }
    return out;
  }

  private static String defaultInstanceId(String stateDir) {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "localhost";
    }
    return "state-" + host + "-" + Integer.toHexString(stateDir.hashCode());
  }

  public String groupId(SinkName sink) {
    return groupPrefix + "-" + sink.wire();
  }

  /**
   * The live-state processor's settings. Its application id is its consumer group: under the
   * same prefix as the sinks' groups, so two deployments on one cluster stay apart, and not
   * {@code groupId(STATE)}, which the state table's sink uses (one group cannot hold both a
   * plain consumer and a Streams member).
   */
  public StateSettings stateSettings() {
    return new StateSettings(groupPrefix + "-device-state", stateDir, stateInstanceId,
        statePunctuate, stateOfflineMultiple, stateOfflineMin);
  }

}
