package smarthome.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiException;

class ParamsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

  static HttpStatus status(Runnable r) {
    return assertThrows(ApiException.class, r::run).status();
  }

  @Test
  void defaultRangeIsTheLastDay() {
    Params.Range r = Params.range(null, null, Duration.ofHours(24), CLOCK);
    assertEquals(Instant.parse("2026-05-31T12:00:00Z"), r.start());
    assertEquals(Instant.parse("2026-06-01T12:00:00Z"), r.end());
    Params.Range s = Params.range("2026-05-01T00:00:00+02:00", null, Duration.ofHours(24), CLOCK);
    assertEquals(Instant.parse("2026-04-30T22:00:00Z"), s.start());
  }

  @Test
  void malformedIs400AndUnacceptableIs422() {
    assertEquals(HttpStatus.BAD_REQUEST, status(() -> Params.range("yesterday", null, Duration.ofHours(1), CLOCK)));
    assertEquals(HttpStatus.BAD_REQUEST, status(() -> Params.range("2026-01-01T", null, Duration.ofHours(1), CLOCK)));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(() -> Params.range("2026-06-01T00:00:00Z",
        "2026-05-01T00:00:00Z", Duration.ofHours(1), CLOCK)));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(() -> Params.range("2026-06-01T00:00:00Z",
        "2026-06-01T00:00:00Z", Duration.ofHours(1), CLOCK)));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(() -> Params.time("t", "1969-12-31T23:59:59Z")));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(() -> Params.time("t", "2300-01-01T00:00:00Z")));
    assertEquals(HttpStatus.BAD_REQUEST, status(() -> Params.deviceId("a/b")));
    assertEquals(HttpStatus.BAD_REQUEST, status(() -> Params.limit("x", 10, 100)));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(() -> Params.limit("101", 10, 100)));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, status(() -> Params.limit("0", 10, 100)));
    assertEquals(HttpStatus.BAD_REQUEST, status(() -> Params.uuid("image_id", "123")));
    assertEquals(HttpStatus.BAD_REQUEST, status(() -> Params.text("location", "a\u0000b")));
    assertEquals(10, Params.limit(null, 10, 100));
  }
}
