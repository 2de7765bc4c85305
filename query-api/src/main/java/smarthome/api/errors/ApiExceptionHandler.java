package smarthome.api.errors;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refused request: its status and message in the one error shape. */
@Produces
@Singleton
@Requires(classes = {ApiException.class, ExceptionHandler.class})
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ApiError>> {
  @Override
  public HttpResponse<ApiError> handle(HttpRequest request, ApiException e) {
    var response = Errors.response(request, e.status(), e.getMessage());
    return e.retryAfterSeconds() > 0 ? response.header("Retry-After", Long.toString(e.retryAfterSeconds())) : response;
  }
}
