package smarthome.api.errors;

/**
 * A store or Kafka did not answer: 503 with Retry-After, never an empty 200. The message names the
 * store, not its internals.
 */
public class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String store;

  public StoreUnavailableException(String store, Throwable cause) {
    super(store + " is unavailable", cause);
    this.store = store;
  }

  public String store() {
    return store;
  }
}
