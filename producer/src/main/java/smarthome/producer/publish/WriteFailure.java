package smarthome.producer.publish;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Why Kafka did not acknowledge a write, in one sentence for a person. On a replicated cluster the
 * two usual causes are brokers down: too few in sync for min.insync.replicas (the leader refuses
 * at once), or no acknowledgement within delivery.timeout.ms (a cluster that lost two of its three
 * nodes also lost its controller majority, so the leaders cannot even shrink their ISR and refuse).
 */
public final class WriteFailure {
  private WriteFailure() {}

  public static String explain(Throwable failure) {
    Throwable t = unwrap(failure);
    if (tooFewReplicas(t)) {
      return "Kafka refused the write: fewer brokers in sync than min.insync.replicas "
          + "(brokers down); it was not acknowledged, and writes succeed again once enough "
          + "brokers are back (" + t.getClass().getSimpleName() + ")";
    }
    if (t instanceof TimeoutException) {
      return "Kafka did not acknowledge the write within delivery.timeout.ms (brokers down or "
          + "unreachable, or too few of a cluster's nodes up); it was not acknowledged: "
          + t.getMessage();
    }
    return String.valueOf(t);
  }

  /** Whether the leader refused because fewer replicas than min.insync.replicas are in sync. */
  public static boolean tooFewReplicas(Throwable failure) {
    Throwable t = unwrap(failure);
    return t instanceof NotEnoughReplicasException || t instanceof NotEnoughReplicasAfterAppendException;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
