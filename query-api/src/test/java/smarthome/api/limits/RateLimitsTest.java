package smarthome.api.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import smarthome.api.auth.ApiKey;
import smarthome.api.auth.Role;
import smarthome.common.config.ConfigError;

class RateLimitsTest {
  @Test
  void namedRolesOverrideTheDefaultsOthersKeepThem() {
    RateLimits r = RateLimits.parse("read=100/s, write=30/m");
    assertEquals(Optional.of(new RateLimits.Rate(100, Duration.ofSeconds(1))), r.of(Role.READ));
    assertEquals(Optional.of(new RateLimits.Rate(30, Duration.ofMinutes(1))), r.of(Role.WRITE));
    assertEquals(RateLimits.parse(RateLimits.DEFAULT).of(Role.ADMIN), r.of(Role.ADMIN));
    assertTrue(RateLimits.parse("off").of(Role.READ).isEmpty());
  }

  @Test
  void malformedEntriesNameTheVariable() {
    for (String bad : new String[] {"read=50", "read=fast/s", "root=5/s", "read=0/s", "read=5/h"}) {
      ConfigError e = assertThrows(ConfigError.class, () -> RateLimits.parse(bad), bad);
      assertTrue(e.getMessage().contains("API_RATE_LIMITS"), e.getMessage());
    }
  }

  @Test
  void aKeyGetsItsRoleRateAndOtherKeysAreApart() {
    KeyRateLimiters limiters = new KeyRateLimiters(RateLimits.parse("read=2/m"));
    ApiKey a = new ApiKey("read-1", Role.READ);
    ApiKey b = new ApiKey("read-2", Role.READ);
    // a minute window: two allowed, then refused with a reset within the minute
    int allowed = 0;
    KeyRateLimiters.Decision last = null;
    for (int i = 0; i < 5; i++) {
      last = limiters.acquire(a).orElseThrow();
      allowed += last.allowed() ? 1 : 0;
    }
    assertTrue(allowed >= 2 && allowed <= 4, "at most one window refresh in the loop: " + allowed);
    assertFalse(last.allowed());
    assertEquals(0, last.remaining());
    assertTrue(last.resetSeconds() >= 1 && last.resetSeconds() <= 60, "reset " + last.resetSeconds());
    assertEquals(60, last.windowSeconds());
    assertTrue(limiters.acquire(b).orElseThrow().allowed(), "another key has its own budget");
    assertTrue(new KeyRateLimiters(RateLimits.parse("off")).acquire(a).isEmpty());
  }
}
