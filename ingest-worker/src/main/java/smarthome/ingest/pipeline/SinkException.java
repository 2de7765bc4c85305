package smarthome.ingest.pipeline;

/**
 * A store did not take a batch. The kind decides what the consumer loop does:
 * <ul>
 *   <li>{@link Kind#RETRIABLE}: the store is unavailable (connection refused, timeout, 5xx, 429):
 *       pause, back off, write the same batch again; never commit past it.</li>
 *   <li>{@link Kind#REJECTED}: the store refuses some data of the batch: split the batch to find
 *       the records it refuses and send those to the dead-letter topic.</li>
 *   <li>{@link Kind#FATAL}: retrying cannot help (bad credentials, missing bucket that cannot be
 *       created): stop the worker with a message that names the setting.</li>
 * </ul>
 */
public class SinkException extends Exception {
  private static final long serialVersionUID = 1L;

  public enum Kind { RETRIABLE, REJECTED, FATAL }

  private final Kind kind;

  public SinkException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static SinkException retriable(String message, Throwable cause) {
    return new SinkException(Kind.RETRIABLE, message, cause);
  }

  public static SinkException rejected(String message, Throwable cause) {
    return new SinkException(Kind.REJECTED, message, cause);
  }

  public static SinkException fatal(String message, Throwable cause) {
    return new SinkException(Kind.FATAL, message, cause);
  }

  public Kind kind() {
    return kind;
  }

  public boolean retriable() {
    return kind == Kind.RETRIABLE;
  }
}
