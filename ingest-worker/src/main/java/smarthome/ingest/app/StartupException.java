package smarthome.ingest.app;

/** A start-up failure that waiting cannot fix; its message names the setting. */
public final class StartupException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StartupException(String message) {
    super(message);
  }
}
