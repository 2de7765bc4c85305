package smarthome.api.infra;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import smarthome.api.errors.StoreUnavailableException;
import software.amazon.awssdk.core.exception.SdkException;

/** Where a failure of S3 or of a Kafka publish becomes the 503 that names it. */
public final class StoreCalls {
  /** How long a request waits for Kafka to acknowledge what it published. */
  static final long PUBLISH_TIMEOUT_S = 20;

  private StoreCalls() {}

  /** An S3 call; any SDK failure is "s3 is unavailable". */
  public static <T> T s3(Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw new StoreUnavailableException("s3", e);
    }
  }

  /** Waits for Kafka's acknowledgement of a publish; no answer in time is "kafka is unavailable". */
  public static <T> T published(Future<T> ack) {
    try {
      return ack.get(PUBLISH_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("kafka", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new StoreUnavailableException("kafka", e);
    }
  }
}
