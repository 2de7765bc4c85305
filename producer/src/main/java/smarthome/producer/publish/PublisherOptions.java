package smarthome.producer.publish;

import java.time.Duration;

/**
 * Producer tuning. The defaults favour throughput without giving up safety: idempotent, acks=all,
 * lz4, 64 KiB batches lingering 10 ms.
 *
 * @param maxBlock how long a send may wait for metadata or buffer space before it fails; bounds how
 *     long an unreachable Kafka can stall a caller
 * @param deliveryTimeout how long Kafka may take to acknowledge a record, retries included
 */
public record PublisherOptions(String clientId, int lingerMs, int batchSize, String compression,
    long bufferMemory, Duration maxBlock, Duration deliveryTimeout) {

  public static PublisherOptions defaults(String clientId) {
    return new PublisherOptions(clientId, 10, 64 * 1024, "lz4", 64L * 1024 * 1024,
        Duration.ofSeconds(10), Duration.ofSeconds(120));
  }

  public PublisherOptions withMaxBlock(Duration d) {
    return new PublisherOptions(clientId, lingerMs, batchSize, compression, bufferMemory, d,
        deliveryTimeout);
  }

  public PublisherOptions withDeliveryTimeout(Duration d) {
    return new PublisherOptions(clientId, lingerMs, batchSize, compression, bufferMemory, maxBlock, d);
  }
}
