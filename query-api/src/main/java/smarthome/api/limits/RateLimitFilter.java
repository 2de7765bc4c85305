package smarthome.api.limits;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import smarthome.api.auth.ApiKey;
import smarthome.api.errors.Errors;

/**
 * Per-key rate limits, right after the key check: 429 with Retry-After when the key's rate is
 * used up, and on every limited answer the RateLimit-Policy and RateLimit headers (IETF httpapi
 * draft) so a client can pace itself. Open paths (health, docs) carry no key and no limit.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RateLimitFilter implements Ordered {
  static final String DECISION = "smarthome.rate-limit";
  private final KeyRateLimiters limiters;

  public RateLimitFilter(KeyRateLimiters limiters) {
    this.limiters = limiters;
  }

  @RequestFilter
  @Nullable
  public MutableHttpResponse<?> limit(HttpRequest<?> request) {
    ApiKey key = request.getAttribute(ApiKey.ATTRIBUTE, ApiKey.class).orElse(null);
    if (key == null) {
      return null;
    }
    KeyRateLimiters.Decision d = limiters.acquire(key).orElse(null);
    if (d == null) {
      return null;
    }
    if (!d.allowed()) {
      MutableHttpResponse<?> r = Errors.response(request, HttpStatus.TOO_MANY_REQUESTS,
          "rate limit of this key reached (" + d.limit() + " requests per " + d.windowSeconds()
              + " s); try again in " + d.resetSeconds() + " s")
          .header("Retry-After", Long.toString(d.resetSeconds()));
      return headers(r, d);
    }
    request.setAttribute(DECISION, d);
    return null;
  }

  @ResponseFilter
  public void annotate(HttpRequest<?> request, MutableHttpResponse<?> response) {
    request.getAttribute(DECISION, KeyRateLimiters.Decision.class).ifPresent(d -> headers(response, d));
  }

  static MutableHttpResponse<?> headers(MutableHttpResponse<?> r, KeyRateLimiters.Decision d) {
    return r.header("RateLimit-Policy", d.limit() + ";w=" + d.windowSeconds())
        .header("RateLimit", "limit=" + d.limit() + ", remaining=" + d.remaining() + ", reset="
            + d.resetSeconds());
  }

  @Override
  public int getOrder() {
    // after the key check (which leaves the key on the request), before anything reads a body
    return ServerFilterPhase.SECURITY.after();
  }
}
