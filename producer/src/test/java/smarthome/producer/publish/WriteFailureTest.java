package smarthome.producer.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class WriteFailureTest {
  @Test
  void tooFewInSyncReplicasIsNamedAsBrokersDown() {
    String m = WriteFailure.explain(new ExecutionException(new NotEnoughReplicasException("x")));
    assertTrue(m.startsWith("Kafka refused the write: fewer brokers in sync than min.insync.replicas"), m);
    assertTrue(m.endsWith("(NotEnoughReplicasException)"), m);
    assertTrue(WriteFailure.tooFewReplicas(new NotEnoughReplicasAfterAppendException("x")));
  }

  @Test
  void anExpiredBatchSaysTheDeliveryTimeoutPassed() {
    TimeoutException t = new TimeoutException("Expiring 3 record(s) for smarthome.readings-0");
    String m = WriteFailure.explain(t);
    assertTrue(m.startsWith("Kafka did not acknowledge the write within delivery.timeout.ms"), m);
    assertTrue(m.endsWith("Expiring 3 record(s) for smarthome.readings-0"), m);
    assertFalse(WriteFailure.tooFewReplicas(t));
  }

  @Test
  void flushReportsTheRefusalAndThePublisherKeepsIt() {
    MockProducer<String, byte[]> mock = new MockProducer<>(false, null, new StringSerializer(),
        new ByteArraySerializer());
    Publisher p = new Publisher(mock);
    assertTrue(p.firstFailure().isEmpty());
    p.raw("smarthome.readings", "lock-1", new byte[] {1});
    mock.errorNext(new NotEnoughReplicasException("ISR 1 < 2"));
    PublishException e = assertThrows(PublishException.class, p::flush);
    assertTrue(e.getMessage().startsWith("1 of 1 records were not acknowledged by Kafka; first error: "
        + "Kafka refused the write"), e.getMessage());
    assertEquals(WriteFailure.explain(new NotEnoughReplicasException("ISR 1 < 2")), p.firstFailure().orElseThrow());
  }
}
