package smarthome.common.json;

/**
 * An event that cannot be accepted: malformed JSON, a wrong field set, a wrong JSON type, a value
 * out of range. The message is the reason that goes into the dead-letter headers or the API error,
 * so it never contains more than a short, sanitised excerpt of the input.
 */
public class InvalidEventException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidEventException(String message) {
    // no stack trace: a flood of poison events must not cost more than the good ones
    super(message, null, false, false);
  }
}
