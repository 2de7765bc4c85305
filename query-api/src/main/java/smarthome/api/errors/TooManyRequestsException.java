package smarthome.api.errors;

import io.micronaut.http.HttpStatus;

/** A request refused because a limit is reached: 429 with Retry-After in whole seconds. */
public class TooManyRequestsException extends ApiException {
  private static final long serialVersionUID = 1L;

  public TooManyRequestsException(String message, long retryAfterSeconds) {
    super(HttpStatus.TOO_MANY_REQUESTS, message, Math.max(1, retryAfterSeconds));
  }
}
