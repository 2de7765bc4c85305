package smarthome.api.errors;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Builds error responses in the one shape. */
public final class Errors {
  /** The message of every 5xx that is not an outage: the detail is in the log, never in the answer. */
  public static final String INTERNAL = "internal error; it was logged";

  private Errors() {}

  public static MutableHttpResponse<ApiError> response(HttpRequest<?> request, HttpStatus status,
      String message) {
    // JSON whatever the request accepts: a CSV or event-stream client still gets a readable error
    return HttpResponse.<ApiError>status(status)
        .body(ApiError.of(status.getCode(), status.getReason(), message, path(request)))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private static String path(HttpRequest<?> request) {
    if (request == null) {
      return null;
    }
    String p = request.getPath();
    // the path is echoed as sent; cut it so a megabyte of URL does not come back
    return p.length() > 200 ? p.substring(0, 200) + "..." : p;
  }
}
