package smarthome.api.errors;

import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import smarthome.common.json.Text;

/**
 * Every error the framework itself produces (unknown route, wrong method, wrong media type, body
 * too large, a parameter it could not bind) in the API's one error shape, always JSON.
 */
@Singleton
@Primary
@Replaces(ErrorResponseProcessor.class)
public class ApiErrorProcessor implements ErrorResponseProcessor<ApiError> {
  @Override
  public MutableHttpResponse<ApiError> processResponse(ErrorContext ctx, MutableHttpResponse<?> response) {
    HttpStatus status = response.getStatus();
    String message;
    if (status.getCode() >= 500) {
      message = Errors.INTERNAL;
    } else if (status == HttpStatus.NOT_FOUND && !ctx.hasErrors()) {
      message = "no such endpoint: " + ctx.getRequest().getMethodName() + " "
          + Text.quote(ctx.getRequest().getPath());
    } else if (ctx.hasErrors()) {
      message = ctx.getErrors().get(0).getMessage();
      if (status == HttpStatus.NOT_FOUND && "Page Not Found".equals(message)) {
        message = "no such endpoint: " + ctx.getRequest().getMethodName() + " "
            + Text.quote(ctx.getRequest().getPath());
      }
    } else {
      message = status.getReason();
    }
    String path = ctx.getRequest().getPath();
    if (path.length() > 200) {
      path = path.substring(0, 200) + "...";
    }
    @SuppressWarnings("unchecked")
    MutableHttpResponse<ApiError> r = (MutableHttpResponse<ApiError>) response;
    return r.body(ApiError.of(status.getCode(), status.getReason(), message, path))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }
}
