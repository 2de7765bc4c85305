package smarthome.api.errors;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import smarthome.common.json.Text;

/**
 * The framework's CORS filter refuses a preflight from an origin API_CORS_ORIGINS does not list
 * with a bare 403; this gives it the API's one error shape, naming the setting. It runs before
 * the CORS filter, so its response side sees the refusal that filter answers on its own.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class PreflightRefusalFilter implements Ordered {
  @ResponseFilter
  public MutableHttpResponse<?> explain(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (response.getStatus() != HttpStatus.FORBIDDEN || response.getBody().isPresent()
        || !isPreflight(request)) {
      return response;
    }
    String origin = request.getHeaders().get("Origin");
    return Errors.response(request, HttpStatus.FORBIDDEN, "origin " + Text.quote(origin)
        + " may not call this API from a browser (API_CORS_ORIGINS lists the origins that may)");
  }

  /** A browser's CORS preflight: OPTIONS with the origin and the method it asks about. */
  public static boolean isPreflight(HttpRequest<?> r) {
    return r.getMethod() == HttpMethod.OPTIONS && r.getHeaders().contains("Origin")
        && r.getHeaders().contains("Access-Control-Request-Method");
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.FIRST.order();
  }
}
