package smarthome.api.errors;

import io.micronaut.http.HttpStatus;

/**
 * A request the API refuses, with the status and a message safe to show (user input in it is
 * quoted with {@link smarthome.common.json.Text#quote}).
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;
  private final long retryAfterSeconds;

  public ApiException(HttpStatus status, String message) {
    this(status, message, 0);
  }

  protected ApiException(HttpStatus status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public HttpStatus status() {
    return status;
  }

  /** The Retry-After the answer carries; 0 = none. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** 429 with Retry-After: a limit of concurrent use is reached. */
  public static ApiException tooMany(String message, long retryAfterSeconds) {
    return new ApiException(HttpStatus.TOO_MANY_REQUESTS, message, retryAfterSeconds);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }

  public static ApiException unprocessable(String message) {
    return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, message);
  }
}
