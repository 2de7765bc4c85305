package smarthome.api.errors;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The one error body of the API:
 * {"status":404,"error":"Not Found","message":"...","path":"/x","detail":"..."}. {@code detail}
 * repeats the message because clients written for FastAPI (the seed service) read that field.
 */
@Serdeable
public record ApiError(int status, String error, String message, String path, String detail) {
  public static ApiError of(int status, String error, String message, String path) {
    return new ApiError(status, error, message, path, message);
  }
}
