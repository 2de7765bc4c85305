package smarthome.ingest.app;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import smarthome.common.config.ConnectionFailures;
import smarthome.common.config.ConnectionFailures.Failure;
import smarthome.common.config.ConnectionFailures.Service;
import smarthome.common.config.KafkaSettings;
import smarthome.common.kafka.TopicAdmin;
import smarthome.common.kafka.Topics;
import smarthome.ingest.pipeline.SinkException;

/**
 * The worker's first Kafka call at start-up (every topic exists), with the failures that waiting
 * cannot fix made fatal: a refused login, a missing ACL, an untrusted certificate, TLS on one side
 * only. Each names the setting to check; an unreachable broker stays an outage that is waited out.
 */
final class KafkaTopicsStep {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

  private KafkaTopicsStep() {}

  static List<String> run(KafkaSettings kafka) throws SinkException {
    if (!kafka.security().tls()) {
      // a plain client that meets a TLS listener reads a TLS record as a request size and may
      // allocate that much: ask whether the broker speaks TLS before any client connects
      refuseSilence(kafka);
    }
    try (Admin admin = Admin.create(kafka.clientProperties("ingest-admin"))) {
      return TopicAdmin.ensureTopics(admin, Topics.all(), kafka.topicPartitions(), 10_000);
    } catch (RuntimeException e) {
      Optional<Failure> f = ConnectionFailures.explain(Service.KAFKA, e);
      if (f.isPresent()) {
        throw SinkException.fatal(f.get().message(), e);
      }
      if (kafka.security().tls()) {
        // a TLS client that meets a plain listener just gets no answer
        refuseSilence(kafka);
      }
      throw SinkException.retriable("creating topics: " + e.getMessage(), e);
    }
  }

  private static void refuseSilence(KafkaSettings kafka) throws SinkException {
    Optional<Failure> f = ConnectionFailures.explainKafkaSilence(kafka, PROBE_TIMEOUT);
    if (f.isPresent()) {
      throw SinkException.fatal(f.get().message(), null);
    }
  }
}
