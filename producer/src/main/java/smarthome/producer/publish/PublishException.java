package smarthome.producer.publish;

/** Some sends were not acknowledged by Kafka; the message says how many and the first cause. */
public class PublishException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PublishException(String message, Throwable cause) {
    super(message, cause);
  }
}
