package smarthome.api.errors;

/**
 * A store refused a statement the API wrote: a fault on our side, not the caller's and not an
 * outage. A 500 with a generic message; the statement and the store's reason go to the log only.
 */
public class StoreQueryException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String store;
  private final String statement;

  public StoreQueryException(String store, String statement, Throwable cause) {
    super(store + " refused a statement", cause);
    this.store = store;
    this.statement = statement;
  }

  public String store() {
    return store;
  }

  public String statement() {
    return statement;
  }
}
