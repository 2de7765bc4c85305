package smarthome.common.config;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

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
    Optional<Failure> tls = tls(service, error);
    if (tls.isPresent()) {
      return tls;
    }
    return switch (service) {
      case KAFKA -> kafka(error);
      case POSTGRES -> postgres(error);
      case INFLUXDB -> influx(error);
      case S3 -> s3(error);
    };
  }

  /**
   * Explains a Kafka client that gets no answer at all, which is what a client sees when it speaks
   * TLS to a plain listener or plain text to a TLS one: the broker just closes the connection and
   * the client retries for ever. Probes the first bootstrap server for TLS and compares with the
   * security protocol.
   *
   * @return the mismatch, or empty when the protocols agree or the server cannot be reached
   */
  public static Optional<Failure> explainKafkaSilence(KafkaSettings kafka, Duration timeout) {
    String first = kafka.bootstrapServers().split(",")[0].strip();
    int colon = first.lastIndexOf(':');
    String host = first.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(first.substring(colon + 1));
    TlsProbe.Answer a = TlsProbe.probe(host, port, timeout);
    String protocol = kafka.security().protocol();
    if (a == TlsProbe.Answer.TLS && !kafka.security().tls()) {
      return Optional.of(new Failure(Service.KAFKA, Kind.TLS_MISMATCH, "Kafka at " + first
          + " speaks TLS but KAFKA_SECURITY_PROTOCOL is " + protocol
          + ": set it to SASL_SSL or SSL (with KAFKA_SSL_CA_FILE for a private CA)"));
    }
    if (a == TlsProbe.Answer.NOT_TLS && kafka.security().tls()) {
      return Optional.of(new Failure(Service.KAFKA, Kind.TLS_MISMATCH, "Kafka at " + first
          + " does not speak TLS but KAFKA_SECURITY_PROTOCOL is " + protocol
          + ": check KAFKA_SECURITY_PROTOCOL and KAFKA_BOOTSTRAP_SERVERS (the TLS listener's port)"));
    }
    return Optional.empty();
  }

  private static Optional<Failure> tls(Service s, Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String m = lower(t.getMessage());
      if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
        return fail(s, Kind.TLS_TRUST, "TLS: the server's certificate is outside its validity "
            + "period: renew it on the server, or check the clock", t);
      }
      if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException
          || m.contains("pkix path") || m.contains("unable to find valid certification path")) {
        return fail(s, Kind.TLS_TRUST, "TLS: the server's certificate is not trusted: check "
            + s.caVariable + " (the PEM file of the CA that signed it; unset, only the JVM's CAs "
            + "are trusted)", t);
      }
      if (m.contains("no subject alternative") || m.contains("no name matching")
          || m.contains("doesn't match any of the subject alternative names")
          || (t instanceof SSLPeerUnverifiedException && m.contains("hostname"))
          || m.contains("could not be verified by hostnameverifier")) {
        return fail(s, Kind.TLS_HOSTNAME, "TLS: the server's certificate does not name the host "
            + "connected to: check " + s.hostVariable + " (use a name the certificate carries)", t);
      }
      if (m.contains("unrecognized ssl message") || m.contains("plaintext connection?")) {
        return fail(s, Kind.TLS_MISMATCH, s.label + " does not speak TLS where the client "
            + "expected it: check " + s.tlsVariable, t);
      }
      if (m.contains("http request to an https server")) {
        return fail(s, Kind.TLS_MISMATCH, s.label + " speaks TLS: use an https:// URL in "
            + s.tlsVariable, t);
      }
      if (s == Service.POSTGRES && m.contains("server does not support ssl")) {
        return fail(s, Kind.TLS_MISMATCH, "PostgreSQL does not offer TLS but POSTGRES_SSLMODE "
            + "requires it: check POSTGRES_SSLMODE (or turn ssl on at the server)", t);
      }
    }
    return Optional.empty();
  }

  private static Optional<Failure> kafka(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UnsupportedSaslMechanismException) {
        return fail(Service.KAFKA, Kind.AUTHENTICATION, "Kafka does not accept this SASL "
            + "mechanism: check KAFKA_SASL_MECHANISM", t);
      }
      if (t instanceof SaslAuthenticationException) {
        return fail(Service.KAFKA, Kind.AUTHENTICATION, "Kafka refused the login: check "
            + "KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (and KAFKA_SASL_MECHANISM)", t);
      }
      if (t instanceof AuthenticationException) {
        return fail(Service.KAFKA, Kind.AUTHENTICATION, "Kafka refused the connection: check "
            + "KAFKA_SECURITY_PROTOCOL and the SASL or TLS client settings", t);
      }
      if (t instanceof TopicAuthorizationException e) {
        return fail(Service.KAFKA, Kind.AUTHORIZATION, e.unauthorizedTopics().isEmpty()
            ? "Kafka denied an operation on a topic: the user in KAFKA_SASL_USERNAME lacks an ACL "
                + "for it"
            : "Kafka denied access to topic(s) " + e.unauthorizedTopics() + ": the user in "
                + "KAFKA_SASL_USERNAME lacks an ACL for them", t);
      }
      if (t instanceof GroupAuthorizationException e) {
        return fail(Service.KAFKA, Kind.AUTHORIZATION, "Kafka denied access to consumer group "
            + (e.groupId() == null ? "" : "'" + e.groupId() + "'")
            + ": the user in KAFKA_SASL_USERNAME lacks a group ACL", t);
      }
      if (t instanceof TransactionalIdAuthorizationException) {
        return fail(Service.KAFKA, Kind.AUTHORIZATION, "Kafka denied a transactional id: the user "
            + "in KAFKA_SASL_USERNAME lacks a TransactionalId ACL", t);
      }
      if (t instanceof AuthorizationException) {
        return fail(Service.KAFKA, Kind.AUTHORIZATION, "Kafka denied the operation: the user in "
            + "KAFKA_SASL_USERNAME lacks an ACL for it", t);
      }
    }
    return Optional.empty();
  }

  private static Optional<Failure> postgres(Throwable error) {
    // the driver's own exception is the innermost one with a state: a pool (Hikari) wraps it and
    // copies its state but not its words
    SQLException e = null;
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        e = s;
      }
    }
    if (e == null) {
      return Optional.empty();
    }
    String state = e.getSQLState();
    String m = lower(e.getMessage());
    if (state.equals("28000") && m.contains("pg_hba.conf") && m.contains("no encryption")) {
      return fail(Service.POSTGRES, Kind.TLS_MISMATCH, "PostgreSQL accepts only TLS connections "
          + "here: set POSTGRES_SSLMODE to verify-full (or require)", e);
    }
    if (state.equals("28P01") || state.equals("28000")) {
      return fail(Service.POSTGRES, Kind.AUTHENTICATION, "PostgreSQL refused the login: check "
          + "POSTGRES_USER and POSTGRES_PASSWORD (and POSTGRES_DB)", e);
    }
    if (state.equals("42501")) {
      return fail(Service.POSTGRES, Kind.AUTHORIZATION, "PostgreSQL denied the operation: the user "
          + "in POSTGRES_USER lacks a privilege on POSTGRES_DB", e);
    }
    return Optional.empty();
  }

  private static Optional<Failure> influx(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String m = lower(t.getMessage());
      // influxdb-java keeps the server's words: 401 "authorization failed" (wrong password),
      // "unable to parse authentication credentials" (none sent while auth is on)
      if (m.contains("authorization failed") || m.contains("unable to parse authentication")
          || m.contains("username required")) {
        return fail(Service.INFLUXDB, Kind.AUTHENTICATION, "InfluxDB refused the login: check "
            + Service.INFLUXDB.credentialVariables, t);
      }
      if (m.contains("not authorized") || m.contains("user is required to write")
          || m.contains("requires admin privilege")) {
        return fail(Service.INFLUXDB, Kind.AUTHORIZATION, "InfluxDB denied the operation: the "
            + "user in INFLUXDB_USER lacks a privilege on INFLUXDB_BUCKET", t);
      }
    }
    return Optional.empty();
  }

  private static Optional<Failure> s3(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        switch (code) {
          case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken",
              "InvalidSecurity", "AuthorizationHeaderMalformed" -> {
            return fail(Service.S3, Kind.AUTHENTICATION, "S3 refused the credentials: check "
                + Service.S3.credentialVariables, t);
          }
          case "AccessDenied", "AllAccessDisabled" -> {
            return fail(Service.S3, Kind.AUTHORIZATION, "S3 denied the operation: the credentials "
                + "in AWS_ACCESS_KEY_ID lack a permission on S3_BUCKET_NAME", t);
          }
          default -> {
            if (e.statusCode() == 401) {
              return fail(Service.S3, Kind.AUTHENTICATION, "S3 refused the credentials: check "
                  + Service.S3.credentialVariables, t);
            }
            if (e.statusCode() == 403) {
              return fail(Service.S3, Kind.AUTHORIZATION, "S3 denied the operation (403): check "
                  + Service.S3.credentialVariables + " and S3_BUCKET_NAME", t);
            }
          }
        }
      }
      if (lower(t.getMessage()).contains("unable to load credentials")) {
        return fail(Service.S3, Kind.AUTHENTICATION, "S3 has no credentials: set "
            + Service.S3.credentialVariables + " (or configure the SDK's default chain)", t);
      }
    }
    return Optional.empty();
  }

  private static Optional<Failure> fail(Service s, Kind kind, String message, Throwable t) {
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

  private static String lower(String s) {
    return s == null ? "" : s.toLowerCase(Locale.ROOT);
  }
}
