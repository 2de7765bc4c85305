package smarthome.common.config;

/** A setting is missing or malformed. The message names the variable and never holds a secret. */
public class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigError(String message) {
    super(message);
  }
}
