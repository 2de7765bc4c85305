package smarthome.api.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.micronaut.http.HttpStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiException;

class AggregationTest {
  @Test
  void parsesIntervalsIntoWholeSecondsAndDefaultsToMean() {
    Aggregation a = Aggregation.parse("5m", null);
    assertEquals(Duration.ofMinutes(5), a.interval());
    assertEquals(Aggregation.Fn.MEAN, a.fn());
    assertEquals("300s", a.groupBy());
    assertEquals("86400s", Aggregation.parse("1d", "MAX").groupBy());
    assertNull(Aggregation.parse(null, null));
  }

  @Test
  void onlyOurSyntaxReachesInfluxQl() {
    assertEquals(HttpStatus.BAD_REQUEST, assertThrows(ApiException.class,
        () -> Aggregation.parse("1h) fill(0); DROP DATABASE x", null)).status());
    assertEquals(HttpStatus.BAD_REQUEST, assertThrows(ApiException.class, () -> Aggregation.parse("0s", null)).status());
    assertEquals(HttpStatus.BAD_REQUEST, assertThrows(ApiException.class, () -> Aggregation.parse("1.5h", null)).status());
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, assertThrows(ApiException.class,
        () -> Aggregation.parse("1h", "mean(x)")).status());
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, assertThrows(ApiException.class,
        () -> Aggregation.parse(null, "max")).status());
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, assertThrows(ApiException.class,
        () -> Aggregation.parse("400d", null)).status());
  }

  @Test
  void flagsOnlyTakeCountAndLast() {
    assertEquals(true, Aggregation.Fn.MEAN.numericOnly());
    assertEquals(false, Aggregation.Fn.COUNT.numericOnly());
    assertEquals(false, Aggregation.Fn.LAST.numericOnly());
  }
}
