package smarthome.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import smarthome.api.auth.ApiKeys;
import smarthome.api.limits.RateLimits;
import smarthome.common.config.ConfigError;
import smarthome.common.config.InfluxSettings;
import smarthome.common.config.KafkaSettings;
import smarthome.common.config.PostgresSettings;
import smarthome.common.config.S3Settings;
import smarthome.common.config.Settings;

/** The API's configuration, parsed once from the environment (and .env) before Micronaut starts. */
public final class ApiConfig {
  public static final String API_PORT = "API_PORT";
  public static final String API_KEYS = "API_KEYS";
  public static final String API_CORS_ORIGINS = "API_CORS_ORIGINS";
  public static final String API_MAX_RAW_POINTS = "API_MAX_RAW_POINTS";
  public static final String API_RAW_PAGE_SIZE = "API_RAW_PAGE_SIZE";
  public static final String API_PAGE_SIZE = "API_PAGE_SIZE";
  public static final String API_MAX_PAGE_SIZE = "API_MAX_PAGE_SIZE";
  public static final String API_PRESIGN_MINUTES = "API_PRESIGN_MINUTES";
  public static final String API_MAX_UPLOADS = "API_MAX_UPLOADS";
  public static final String API_MAX_GENERATE = "API_MAX_GENERATE";
  public static final String API_MAX_DOWNLOADS = "API_MAX_DOWNLOADS";
  public static final String API_RATE_LIMITS = RateLimits.VARIABLE;
  public static final String API_LIVE_MAX_SUBSCRIBERS = "API_LIVE_MAX_SUBSCRIBERS";
  public static final String API_LIVE_MAX_PER_KEY = "API_LIVE_MAX_PER_KEY";
  public static final String API_LIVE_QUEUE_EVENTS = "API_LIVE_QUEUE_EVENTS";

  public final int port;
  public final ApiKeys keys;
  public final List<String> corsOrigins;
  public final int maxRawPoints;
  public final int rawPageSize;
  public final int pageSize;
  public final int maxPageSize;
  public final Duration presignFor;
  public final int maxUploads;
  public final int maxGenerate;
  public final int maxDownloads;
  public final RateLimits rateLimits;
  public final int liveMaxSubscribers;
  public final int liveMaxPerKey;
  public final int liveQueueEvents;
  public final KafkaSettings kafka;
  public final PostgresSettings postgres;
  public final InfluxSettings influx;
  public final S3Settings s3;
  /** HTTPS certificate and key; empty: plain HTTP. */
  public final Optional<ApiTls> tls;

  private ApiConfig(AbstractConfig c) {
    port = c.getInt(API_PORT);
    keys = ApiKeys.parse(c.getPassword(API_KEYS).value());
    corsOrigins = c.getList(API_CORS_ORIGINS);
    for (String o : corsOrigins) {
      if (o.equals("*") || !(o.startsWith("http://") || o.startsWith("https://"))) {
        throw new ConfigError("configuration error: " + API_CORS_ORIGINS + " entry '" + o
            + "' must be an origin like https://dashboard.example.com (no wildcard)");
      }
    }
    maxRawPoints = c.getInt(API_MAX_RAW_POINTS);
    // unset, the default page is as large as the maximum allows, as the seed answered in one go
    rawPageSize = c.originals().containsKey(API_RAW_PAGE_SIZE) ? c.getInt(API_RAW_PAGE_SIZE)
        : Math.min(c.getInt(API_RAW_PAGE_SIZE), maxRawPoints);
    if (rawPageSize > maxRawPoints) {
      throw new ConfigError("configuration error: " + API_RAW_PAGE_SIZE + " must not exceed " + API_MAX_RAW_POINTS);
    }
    pageSize = c.getInt(API_PAGE_SIZE);
    maxPageSize = c.getInt(API_MAX_PAGE_SIZE);
    if (pageSize > maxPageSize) {
      throw new ConfigError("configuration error: " + API_PAGE_SIZE + " must not exceed " + API_MAX_PAGE_SIZE);
    }
    presignFor = Duration.ofMinutes(c.getInt(API_PRESIGN_MINUTES));
    maxUploads = c.getInt(API_MAX_UPLOADS);
    maxGenerate = c.getInt(API_MAX_GENERATE);
    maxDownloads = c.getInt(API_MAX_DOWNLOADS);
    rateLimits = RateLimits.parse(c.getString(API_RATE_LIMITS));
    liveMaxSubscribers = c.getInt(API_LIVE_MAX_SUBSCRIBERS);
    liveMaxPerKey = c.getInt(API_LIVE_MAX_PER_KEY);
    liveQueueEvents = c.getInt(API_LIVE_QUEUE_EVENTS);
    kafka = KafkaSettings.from(c);
    postgres = PostgresSettings.from(c);
    influx = InfluxSettings.from(c);
    s3 = S3Settings.from(c);
    tls = ApiTls.from(c.getString(ApiTls.API_TLS_CERT_FILE), c.getString(ApiTls.API_TLS_KEY_FILE));
  }

  /** @throws ConfigError naming the variable */
  public static ApiConfig parse(Map<String, String> env) {
    ConfigDef def = Settings.s3(Settings.postgres(Settings.influx(Settings.kafka(new ConfigDef()))))
        .define(API_PORT, Type.INT, 8001, Range.between(0, 65535), Importance.HIGH,
            "the port, HTTP or (with API_TLS_*) HTTPS")
        .define(ApiTls.API_TLS_CERT_FILE, Type.STRING, "", Importance.MEDIUM,
            "PEM certificate chain for HTTPS, with API_TLS_KEY_FILE; then plain HTTP is not served")
        .define(ApiTls.API_TLS_KEY_FILE, Type.STRING, "", Importance.MEDIUM,
            "PEM (PKCS#8, unencrypted) private key of API_TLS_CERT_FILE")
        .define(API_KEYS, Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "comma-separated role:key pairs; roles read, write, admin")
        .define(API_CORS_ORIGINS, Type.LIST, "", Importance.MEDIUM,
            "browser origins allowed to call the API; none by default")
        .define(API_MAX_RAW_POINTS, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.LOW,
            "largest page of raw sensor data, and most intervals of a downsampled answer")
        .define(API_RAW_PAGE_SIZE, Type.INT, 10_000, Range.between(1, 1_000_000), Importance.LOW,
            "default page size of raw sensor data (at most " + API_MAX_RAW_POINTS + ")")
        .define(API_PAGE_SIZE, Type.INT, 100, Range.between(1, 10_000), Importance.LOW,
            "default page size of lists")
        .define(API_MAX_PAGE_SIZE, Type.INT, 1000, Range.between(1, 10_000), Importance.LOW,
            "largest page size a client may ask for")
        .define(API_PRESIGN_MINUTES, Type.INT, 15, Range.between(1, 7 * 24 * 60), Importance.LOW,
            "lifetime of presigned S3 URLs")
        // each upload holds up to 10 MiB until Kafka confirms: these two bound the API's heap
        .define(API_MAX_UPLOADS, Type.INT, 4, Range.between(1, 64), Importance.MEDIUM,
            "image uploads in progress at once; one more is answered 429")
        .define(API_MAX_GENERATE, Type.INT, 1, Range.between(1, 16), Importance.MEDIUM,
            "generate-and-store calls in progress at once; one more is answered 429")
        // each image download holds an S3 connection until the client has read it all
        .define(API_MAX_DOWNLOADS, Type.INT, 8, Range.between(1, 256), Importance.MEDIUM,
            "image downloads streaming from S3 at once; one more is answered 429")
        .define(API_RATE_LIMITS, Type.STRING, RateLimits.DEFAULT, Importance.MEDIUM,
            "requests per key by its role, e.g. read=50/s,write=10/s; off = none")
        .define(API_LIVE_MAX_SUBSCRIBERS, Type.INT, 200, Range.between(1, 100_000), Importance.LOW,
            "most live (SSE) streams one API instance serves")
        .define(API_LIVE_MAX_PER_KEY, Type.INT, 20, Range.between(1, 100_000), Importance.LOW,
            "most live streams one API key may hold open on one instance")
        .define(API_LIVE_QUEUE_EVENTS, Type.INT, 1000, Range.between(16, 100_000), Importance.LOW,
            "events queued for one live stream; a client further behind is dropped");
    return new ApiConfig(Settings.parse(def, env));
  }
}
