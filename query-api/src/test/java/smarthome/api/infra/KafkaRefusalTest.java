package smarthome.api.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiError;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.api.errors.StoreUnavailableHandler;
import smarthome.producer.publish.Publisher;

/** A write Kafka refuses for too few in-sync brokers is an outage: 503 with Retry-After. */
class KafkaRefusalTest {
  @Test
  void notEnoughReplicasOnAnUploadIs503WithRetryAfter() {
    MockProducer<String, byte[]> mock = new MockProducer<>(false, null, new StringSerializer(),
        new ByteArraySerializer());
    CompletableFuture<RecordMetadata> ack = new Publisher(mock).raw("smarthome.images", "cam-1", new byte[] {1});
    mock.errorNext(new NotEnoughReplicasException("the ISR of smarthome.images-0 is 1, below 2"));

    StoreUnavailableException e = assertThrows(StoreUnavailableException.class, () -> StoreCalls.published(ack));
    assertEquals("kafka", e.store());
    assertTrue(e.getCause().getCause() instanceof NotEnoughReplicasException);

    HttpResponse<ApiError> r = new StoreUnavailableHandler().handle(HttpRequest.POST("/api/v1/images", ""), e);
    assertEquals(503, r.getStatus().getCode());
    assertEquals("5", r.getHeaders().get("Retry-After"));
    assertEquals("kafka is unavailable; try again shortly", r.body().message());
  }
}
