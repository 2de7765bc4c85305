package smarthome.ingest.pipeline;

import java.time.Duration;
import java.util.Collection;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A sink's consumer while its store is down: every partition paused (nothing more is fetched),
 * and still polled, so the group keeps the member and rebalances run.
 */
final class StorePause {
  private final Consumer<String, byte[]> consumer;
  private boolean paused;

  StorePause(Consumer<String, byte[]> consumer) {
    this.consumer = consumer;
  }

  /**
   * Pauses and waits out the backoff delay; false when the loop was asked to stop meanwhile.
   *
   * @param accept takes what a poll returns anyway (nothing, while paused; never lost if it did)
   */
  boolean await(long delayMs, BooleanSupplier running,
      java.util.function.Consumer<ConsumerRecord<String, byte[]>> accept) {
    consumer.pause(consumer.assignment());
    paused = true;
    long until = System.nanoTime() + delayMs * 1_000_000;
    while (running.getAsBoolean() && System.nanoTime() < until) {
      try {
        consumer.poll(Duration.ofMillis(Math.min(delayMs, 200))).forEach(accept);
      } catch (WakeupException e) {
        return false;
      }
    }
    return running.getAsBoolean();
  }

  /** The store is back: fetch again. */
  void resume() {
    if (paused) {
      consumer.resume(consumer.paused());
      paused = false;
    }
  }

  /** Partitions assigned while paused stay paused: the store is still down. */
  void assigned(Collection<TopicPartition> partitions) {
    if (paused) {
      consumer.pause(partitions);
    }
  }
}
