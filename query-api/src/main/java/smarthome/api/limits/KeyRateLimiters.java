package smarthome.api.limits;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import smarthome.api.ApiConfig;
import smarthome.api.auth.ApiKey;

/**
 * One Resilience4j rate limiter per configured key (so the map is bounded by API_KEYS), with the
 * rate of the key's role. A request either gets a permit at once or is refused: no waiting.
 */
@Singleton
public class KeyRateLimiters {
  /** What one request got: allowed or not, and what the RateLimit headers say. */
  public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long windowSeconds) {}

  private final RateLimits limits;
  private final Map<String, AtomicRateLimiter> byKey = new ConcurrentHashMap<>();

  public KeyRateLimiters(ApiConfig config) {
    this(config.rateLimits);
  }

  KeyRateLimiters(RateLimits limits) {
    this.limits = limits;
  }

  /** Empty when the key's role has no limit. */
  public Optional<Decision> acquire(ApiKey key) {
    return limits.of(key.role()).map(rate -> {
      AtomicRateLimiter limiter = byKey.computeIfAbsent(key.name(), n -> new AtomicRateLimiter(n,
          RateLimiterConfig.custom().limitForPeriod(rate.permits()).limitRefreshPeriod(rate.period())
              .timeoutDuration(Duration.ZERO).build()));
      boolean allowed = limiter.acquirePermission();
      AtomicRateLimiter.AtomicRateLimiterMetrics m = limiter.getDetailedMetrics();
      long waitNanos = Math.max(m.getNanosToWait(), 0);
      // the window resets at the next refresh; a refused request may retry then
      long reset = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
      return new Decision(allowed, rate.permits(), Math.max(0, m.getAvailablePermissions()),
          reset, rate.periodSeconds());
    });
  }
}
