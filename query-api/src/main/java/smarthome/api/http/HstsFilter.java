package smarthome.api.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * With HTTPS on (API_TLS_*), every response tells browsers to use nothing else for a year
 * (Strict-Transport-Security). It runs first, so its response side also sees what a later filter
 * answers on its own (a 401 of the key check, a 415).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "micronaut.server.ssl.enabled", value = "true")
public final class HstsFilter implements Ordered {
  static final String HEADER = "Strict-Transport-Security";
  static final String VALUE = "max-age=31536000";

  @ResponseFilter
  public void addHsts(MutableHttpResponse<?> response) {
    response.getHeaders().set(HEADER, VALUE);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
