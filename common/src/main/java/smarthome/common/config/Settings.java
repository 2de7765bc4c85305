package smarthome.common.config;

import static smarthome.common.config.SettingValidators.hostPorts;
import static smarthome.common.config.SettingValidators.httpUrl;
import static smarthome.common.config.SettingValidators.nonEmpty;
import static smarthome.common.config.SettingValidators.oneOf;
import static smarthome.common.config.SettingValidators.optionalHttpUrl;
import static smarthome.common.config.SettingValidators.pattern;
import static smarthome.common.config.SettingValidators.pemCertificates;
import static smarthome.common.config.SettingValidators.pemPrivateKey;
import static smarthome.common.config.SettingValidators.readableFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The environment variables shared by the processes (DESIGN.md, "Configuration"), declared once with
 * Kafka's {@link ConfigDef}: a constant per key, a default, a one-line doc and a validator. Each
 * process adds its own keys and parses once at start-up with {@link #parse}.
 */
public final class Settings {
  public static final String KAFKA_BOOTSTRAP_SERVERS = "KAFKA_BOOTSTRAP_SERVERS";
  public static final String KAFKA_TOPIC_PARTITIONS = "KAFKA_TOPIC_PARTITIONS";
  public static final String KAFKA_SECURITY_PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
  public static final String KAFKA_SASL_MECHANISM = "KAFKA_SASL_MECHANISM";
  public static final String KAFKA_SASL_USERNAME = "KAFKA_SASL_USERNAME";
  public static final String KAFKA_SASL_PASSWORD = "KAFKA_SASL_PASSWORD";
  public static final String KAFKA_SSL_CA_FILE = "KAFKA_SSL_CA_FILE";
  public static final String KAFKA_SSL_CERT_FILE = "KAFKA_SSL_CERT_FILE";
  public static final String KAFKA_SSL_KEY_FILE = "KAFKA_SSL_KEY_FILE";
  public static final String KAFKA_CLIENT_PROPERTIES_FILE = "KAFKA_CLIENT_PROPERTIES_FILE";
  public static final String INFLUXDB_URL = "INFLUXDB_URL";
  public static final String INFLUXDB_TOKEN = "INFLUXDB_TOKEN";
  public static final String INFLUXDB_USER = "INFLUXDB_USER";
  public static final String INFLUXDB_ORG = "INFLUXDB_ORG";
  public static final String INFLUXDB_BUCKET = "INFLUXDB_BUCKET";
  public static final String INFLUXDB_CA_FILE = "INFLUXDB_CA_FILE";
  public static final String POSTGRES_HOST = "POSTGRES_HOST";
  public static final String POSTGRES_PORT = "POSTGRES_PORT";
  public static final String POSTGRES_DB = "POSTGRES_DB";
  public static final String POSTGRES_USER = "POSTGRES_USER";
  public static final String POSTGRES_PASSWORD = "POSTGRES_PASSWORD";
  public static final String POSTGRES_SSLMODE = "POSTGRES_SSLMODE";
  public static final String POSTGRES_SSLROOTCERT = "POSTGRES_SSLROOTCERT";
  public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  public static final String AWS_REGION = "AWS_REGION";
  public static final String S3_BUCKET_NAME = "S3_BUCKET_NAME";
  public static final String S3_ENDPOINT_URL = "S3_ENDPOINT_URL";
  public static final String S3_PATH_STYLE = "S3_PATH_STYLE";
  public static final String S3_CA_FILE = "S3_CA_FILE";

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,62}");

  private Settings() {}

  public static ConfigDef kafka(ConfigDef d) {
    return d
        .define(KAFKA_BOOTSTRAP_SERVERS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, hostPorts(),
            Importance.HIGH, "Kafka brokers, host:port[,host:port...]")
        .define(KAFKA_TOPIC_PARTITIONS, Type.INT, 6, ConfigDef.Range.between(1, 1000),
            Importance.LOW, "partitions of a topic created by this process")
        .define(KAFKA_SECURITY_PROTOCOL, Type.STRING, "",
            oneOf("", "PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"), Importance.HIGH,
            "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL; empty = security.protocol of "
                + KAFKA_CLIENT_PROPERTIES_FILE + ", else PLAINTEXT")
        .define(KAFKA_SASL_MECHANISM, Type.STRING, "",
            oneOf("", "PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"), Importance.MEDIUM,
            "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (others through " + KAFKA_CLIENT_PROPERTIES_FILE
                + "); empty = sasl.mechanism of that file, else PLAIN")
        .define(KAFKA_SASL_USERNAME, Type.STRING, "", Importance.MEDIUM,
            "SASL user; the JAAS line is built from it and the password")
        .define(KAFKA_SASL_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM, "SASL password")
        .define(KAFKA_SSL_CA_FILE, Type.STRING, "", pemCertificates(), Importance.MEDIUM,
            "PEM file of the CA(s) that signed the brokers' certificates; empty = the JVM's CAs")
        .define(KAFKA_SSL_CERT_FILE, Type.STRING, "", pemCertificates(), Importance.LOW,
            "PEM client certificate (chain) for mutual TLS, with " + KAFKA_SSL_KEY_FILE)
        .define(KAFKA_SSL_KEY_FILE, Type.STRING, "", pemPrivateKey(), Importance.LOW,
            "PEM (PKCS#8) private key of " + KAFKA_SSL_CERT_FILE)
        .define(KAFKA_CLIENT_PROPERTIES_FILE, Type.STRING, "", readableFile(), Importance.LOW,
            "a .properties file merged into every Kafka client (OAUTHBEARER, MSK IAM, ...)");
  }

  public static ConfigDef influx(ConfigDef d) {
    return d
        .define(INFLUXDB_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, httpUrl(), Importance.HIGH,
            "InfluxDB base URL, v1 HTTP API (/write, /query)")
        .define(INFLUXDB_BUCKET, Type.STRING, "smarthome", pattern(NAME, "a database name"),
            Importance.HIGH, "database (bucket on 2.x/Cloud through the v1 compatibility API)")
        .define(INFLUXDB_TOKEN, Type.PASSWORD, "", Importance.MEDIUM,
            "token (2.x/Cloud/3.x) or password (1.x with auth); empty when auth is off")
        .define(INFLUXDB_USER, Type.STRING, "", Importance.LOW,
            "user name for 1.x auth; any non-empty name for a 2.x token")
        .define(INFLUXDB_ORG, Type.STRING, "", Importance.LOW,
            "organisation (2.x/Cloud only, for deletes through /api/v2/delete)")
        .define(INFLUXDB_CA_FILE, Type.STRING, "", pemCertificates(), Importance.LOW,
            "PEM file of a private CA to trust for an https INFLUXDB_URL; empty = the JVM's CAs");
  }

  public static ConfigDef postgres(ConfigDef d) {
    return d
        .define(POSTGRES_HOST, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, nonEmpty(),
            Importance.HIGH, "PostgreSQL host")
        .define(POSTGRES_PORT, Type.INT, 5432, ConfigDef.Range.between(1, 65535), Importance.HIGH,
            "PostgreSQL port")
        .define(POSTGRES_DB, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, pattern(NAME, "a database name"),
            Importance.HIGH, "database name")
        .define(POSTGRES_USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, nonEmpty(), Importance.HIGH,
            "user")
        .define(POSTGRES_PASSWORD, Type.PASSWORD, "", Importance.HIGH, "password")
        .define(POSTGRES_SSLMODE, Type.STRING, "prefer",
            oneOf("disable", "prefer", "require", "verify-ca", "verify-full"), Importance.MEDIUM,
            "TLS to PostgreSQL: disable, prefer (TLS when offered), require (no certificate check), "
                + "verify-ca, verify-full (certificate and host name checked)")
        .define(POSTGRES_SSLROOTCERT, Type.STRING, "", pemCertificates(), Importance.LOW,
            "PEM file of the CA for verify-ca/verify-full; empty = the JVM's CAs");
  }

  public static ConfigDef s3(ConfigDef d) {
    return d
        .define(S3_BUCKET_NAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
            pattern(BUCKET, "an S3 bucket name (3-63 of a-z 0-9 . -)"), Importance.HIGH,
            "bucket for images and log archives")
        .define(AWS_REGION, Type.STRING, "us-east-1", nonEmpty(), Importance.MEDIUM, "S3 region")
        .define(S3_ENDPOINT_URL, Type.STRING, "", optionalHttpUrl(), Importance.MEDIUM,
            "S3-compatible endpoint (S3Proxy, MinIO, ...); empty for AWS")
        .define(S3_PATH_STYLE, Type.STRING, "auto", ConfigDef.ValidString.in("auto", "true", "false"),
            Importance.LOW, "path-style URLs; auto = true when S3_ENDPOINT_URL is set")
        .define(AWS_ACCESS_KEY_ID, Type.STRING, "", Importance.MEDIUM,
            "access key; empty = the SDK's default credential chain")
        .define(AWS_SECRET_ACCESS_KEY, Type.PASSWORD, "", Importance.MEDIUM, "secret key")
        .define(S3_CA_FILE, Type.STRING, "", pemCertificates(), Importance.LOW,
            "PEM file of a private CA to trust for an https S3_ENDPOINT_URL; empty = the JVM's CAs");
  }

  /** A CA file is only meaningful for an https URL (or no URL at all: AWS's own endpoints). */
  static Optional<Path> caFile(AbstractConfig c, String caVariable, String url, String urlVariable) {
    String v = c.getString(caVariable);
    if (v.isBlank()) {
      return Optional.empty();
    }
    if (url.regionMatches(true, 0, "http://", 0, 7)) {
      throw new ConfigError(caVariable + " is set but " + urlVariable
          + " is a plain http:// URL: use https://, or unset " + caVariable);
    }
    return Optional.of(Path.of(v.strip()));
  }

  /**
   * Parses the keys of {@code def} out of the environment. Unknown variables are ignored.
   *
   * @throws ConfigError naming the variable that is missing or malformed
   */
  public static AbstractConfig parse(ConfigDef def, Map<String, String> env) {
    Map<String, Object> relevant = new HashMap<>();
    for (String key : def.names()) {
      String v = env.get(key);
      if (v != null) {
        relevant.put(key, v.strip());
      }
    }
    try {
      return new AbstractConfig(def, relevant, false);
    } catch (ConfigException e) {
      throw new ConfigError("configuration error: " + e.getMessage());
    }
  }
}
