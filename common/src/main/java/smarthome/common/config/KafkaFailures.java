package smarthome.common.config;

import static smarthome.common.config.ConnectionFailures.fail;

import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedSaslMechanismException;
import smarthome.common.config.ConnectionFailures.Failure;
import smarthome.common.config.ConnectionFailures.Kind;
import smarthome.common.config.ConnectionFailures.Service;

/**
 * Kafka's refusals (a login, an ACL) by exception type, and the silence of a TLS mismatch.
 */
final class KafkaFailures {
  private KafkaFailures() {}

  /**
   * Explains a Kafka client that gets no answer at all, which is what a client sees when it speaks
   * TLS to a plain listener or plain text to a TLS one: the broker just closes the connection and
   * the client retries for ever. Probes the first bootstrap server for TLS and compares with the
   * security protocol.
   *
   * @return the mismatch, or empty when the protocols agree or the server cannot be reached
   */
  static Optional<Failure> explainSilence(KafkaSettings kafka, Duration timeout) {
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

  static Optional<Failure> explain(Throwable error) {
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
}
