package smarthome.api.auth;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.json.Text;

/**
 * One log line for every POST and DELETE: the key's name (never the secret), the method, the
 * device the path names and the outcome, also when the request was refused.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class AuditLog implements Ordered {
  private static final Logger log = LoggerFactory.getLogger("smarthome.api.audit");

  @ResponseFilter
  public void record(HttpRequest<?> request, MutableHttpResponse<?> response) {
    HttpMethod m = request.getMethod();
    if (m != HttpMethod.POST && m != HttpMethod.DELETE) {
      return;
    }
    String key = request.getAttribute(ApiKey.ATTRIBUTE, ApiKey.class).map(ApiKey::name).orElse("-");
    String device = DevicePath.deviceOf(request.getPath()).map(Text::quote).orElse("-");
    String path = request.getPath().length() > 200 ? request.getPath().substring(0, 200) : request.getPath();
    log.info("{} {} key={} device={} status={}", m, Text.quote(path), key, device,
        response.getStatus().getCode());
  }

  @Override
  public int getOrder() {
    // before the key check, so its answer passes here too (a refused request is logged as well)
    return ServerFilterPhase.SECURITY.before();
  }
}
