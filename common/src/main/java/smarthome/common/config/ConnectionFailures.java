package smarthome.common.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Explains the connection failures that waiting cannot fix (a refused login, a missing right, a
 * certificate the client does not trust, TLS on one side only) in terms of the settings to check,
 * so a process can stop with that message instead of retrying for ever. Anything else (a server
 * that is down, a timeout) is not explained here: that is an outage, and outages are waited out.
 *
 * <p>Messages hold the setting names, the server's own words and never a secret: none of the
 * client libraries puts a password into its exceptions.
 */
public final class ConnectionFailures {
  private static final int MAX_DETAIL = 300;

  private ConnectionFailures() {}

  /** The service a client talks to; it decides which settings a message names. */
  public enum Service {
    KAFKA("Kafka", Settings.KAFKA_SSL_CA_FILE, Settings.KAFKA_BOOTSTRAP_SERVERS,
        Settings.KAFKA_SECURITY_PROTOCOL, "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD"),
    POSTGRES("PostgreSQL", Settings.POSTGRES_SSLROOTCERT, Settings.POSTGRES_HOST,
        Settings.POSTGRES_SSLMODE, "POSTGRES_USER and POSTGRES_PASSWORD"),
    INFLUXDB("InfluxDB", Settings.INFLUXDB_CA_FILE, Settings.INFLUXDB_URL, Settings.INFLUXDB_URL,
        "INFLUXDB_USER and INFLUXDB_TOKEN"),
    S3("S3", Settings.S3_CA_FILE, Settings.S3_ENDPOINT_URL, Settings.S3_ENDPOINT_URL,
        "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");

    final String label;
    final String caVariable;
    final String hostVariable;
    final String tlsVariable;
    final String credentialVariables;

    Service(String label, String caVariable, String hostVariable, String tlsVariable,
        String credentialVariables) {
      this.label = label;
      this.caVariable = caVariable;
      this.hostVariable = hostVariable;
      this.tlsVariable = tlsVariable;
      this.credentialVariables = credentialVariables;
    }
  }

  /** Why a connection cannot succeed until a setting changes. */
  public enum Kind {
    /** The server refused the credentials. */
    AUTHENTICATION,
    /** Logged in, but the user lacks a right (an ACL, a grant, a bucket policy). */
    AUTHORIZATION,
    /** The server's certificate does not chain to a trusted CA (or has expired). */
    TLS_TRUST,
    /** The server's certificate does not name the host the client connects to. */
    TLS_HOSTNAME,
    /** One side speaks TLS and the other does not. */
    TLS_MISMATCH
  }

  /** A failure that waiting cannot fix; {@code message} names the settings to check. */
  public record Failure(Service service, Kind kind, String message) {}

  /**
   * @param error what a client of {@code service} threw (the cause chain is searched)
   * @return the explanation, or empty when the error may pass by itself (outage, timeout, ...)
   */
  public static Optional<Failure> explain(Service service, Throwable error) {
    Optional<Failure> tls = TlsFailures.explain(service, error);
    if (tls.isPresent()) {
      return tls;
    }
    return switch (service) {
      case KAFKA -> KafkaFailures.explain(error);
      case POSTGRES -> StoreFailures.postgres(error);
      case INFLUXDB -> StoreFailures.influx(error);
      case S3 -> StoreFailures.s3(error);
    };
  }

  /**
   * Explains a Kafka client that gets no answer at all (TLS on one side only): see
   * {@link KafkaFailures#explainSilence}.
   */
  public static Optional<Failure> explainKafkaSilence(KafkaSettings kafka, Duration timeout) {
    return KafkaFailures.explainSilence(kafka, timeout);
  }

  static Optional<Failure> fail(Service s, Kind kind, String message, Throwable t) {
    return Optional.of(new Failure(s, kind, message + " (" + detail(t) + ")"));
  }

  /** The exception's class and first line, bounded: enough to search for, never a page. */
  static String detail(Throwable t) {
    String m = t.getMessage() == null ? "" : t.getMessage().strip();
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl);
    }
    if (m.length() > MAX_DETAIL) {
      m = m.substring(0, MAX_DETAIL) + "...";
    }
    return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
  }

  static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
