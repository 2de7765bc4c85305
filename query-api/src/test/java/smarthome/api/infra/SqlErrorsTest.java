package smarthome.api.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiException;
import smarthome.api.errors.StoreQueryException;
import smarthome.api.errors.StoreUnavailableException;

/** Only an outage or a timeout is a 503; a data error is the caller's 400; the rest is ours. */
class SqlErrorsTest {
  static RuntimeException of(String state) {
    return SqlErrors.translate(new SQLException("x", state), "select 1");
  }

  @Test
  void dataExceptionsAre400() {
    for (String s : new String[] {"22008", "22003", "22P02", "22007"}) {
      ApiException e = assertInstanceOf(ApiException.class, of(s), s);
      assertEquals(400, e.status().getCode());
    }
  }

  @Test
  void outagesAndTimeoutsAre503() {
    for (String s : new String[] {"08006", "08001", "53300", "57P01", null}) {
      assertInstanceOf(StoreUnavailableException.class, of(s), String.valueOf(s));
    }
    StoreUnavailableException t = assertInstanceOf(StoreUnavailableException.class, of("57014"));
    assertTrue(t.store().contains("ran longer than its 10 s limit"), t.store());
  }

  @Test
  void statementsPostgresqlRefusesAreOurs() {
    for (String s : new String[] {"42601", "42P01", "23505"}) {
      assertInstanceOf(StoreQueryException.class, of(s), s);
    }
  }
}
