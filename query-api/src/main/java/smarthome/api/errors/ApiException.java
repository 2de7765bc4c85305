package smarthome.api.errors;

import io.micronaut.http.HttpStatus;

/**
 * A request the API refuses, with the status and a message safe to show (user input in it is
 * quoted with {@link smarthome.common.json.Text#quote}).
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final HttpStatus status;

  public ApiException(HttpStatus status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public HttpStatus status() {
    return status;
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
