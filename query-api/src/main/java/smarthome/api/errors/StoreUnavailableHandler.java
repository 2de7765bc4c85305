package smarthome.api.errors;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A store or Kafka is down: 503 with Retry-After, and the cause in the log (not in the answer). */
@Produces
@Singleton
@Requires(classes = {StoreUnavailableException.class, ExceptionHandler.class})
public class StoreUnavailableHandler
    implements ExceptionHandler<StoreUnavailableException, HttpResponse<ApiError>> {
  private static final Logger log = LoggerFactory.getLogger(StoreUnavailableHandler.class);

  @Override
  public HttpResponse<ApiError> handle(HttpRequest request, StoreUnavailableException e) {
    log.warn("{} {}: {} unavailable: {}", request.getMethodName(), request.getPath(), e.store(),
        e.getCause() == null ? "" : e.getCause().toString());
    return Errors.response(request, HttpStatus.SERVICE_UNAVAILABLE,
            e.store() + " is unavailable; try again shortly")
        .header("Retry-After", "5");
  }
}
