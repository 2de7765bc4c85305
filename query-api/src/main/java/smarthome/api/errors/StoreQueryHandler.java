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

/** A statement of ours refused by a store: 500, no Retry-After; the detail in the log, not in the answer. */
@Produces
@Singleton
@Requires(classes = {StoreQueryException.class, ExceptionHandler.class})
public class StoreQueryHandler implements ExceptionHandler<StoreQueryException, HttpResponse<ApiError>> {
  private static final Logger log = LoggerFactory.getLogger(StoreQueryHandler.class);

  @Override
  public HttpResponse<ApiError> handle(HttpRequest request, StoreQueryException e) {
    log.error("{} {}: {} refused the statement [{}]", request.getMethodName(), request.getPath(),
        e.store(), e.statement(), e.getCause());
    return Errors.response(request, HttpStatus.INTERNAL_SERVER_ERROR, Errors.INTERNAL);
  }
}
