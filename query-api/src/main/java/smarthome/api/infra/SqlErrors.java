package smarthome.api.infra;

import java.sql.SQLException;
import smarthome.api.errors.ApiException;
import smarthome.api.errors.StoreQueryException;
import smarthome.api.errors.StoreUnavailableException;

/**
 * Sorts a PostgreSQL failure by its SQLSTATE into the API's answers:
 * <ul>
 *   <li>400: class 22, a data exception: a value the caller sent (through a cursor or a time) that
 *       PostgreSQL cannot hold, such as a timestamp out of its range;
 *   <li>503: the statement ran past {@code statement_timeout} (57014), or PostgreSQL is not there:
 *       connection (08), resources (53), shutting down (57P), or no SQLSTATE at all (the pool gave
 *       no connection in time);
 *   <li>500: anything else, a statement of ours PostgreSQL refuses.
 * </ul>
 */
final class SqlErrors {
  static final String STORE = "postgresql";

  private SqlErrors() {}

  static RuntimeException translate(SQLException e, String statement) {
    String state = e.getSQLState();
    if (state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")) {
      return new StoreUnavailableException(STORE, e);
    }
    if (state.equals("57014")) {
      return new StoreUnavailableException(STORE + " (the query ran longer than its "
          + Sql.STATEMENT_TIMEOUT.toSeconds() + " s limit)", e);
    }
    if (state.startsWith("22")) {
      return ApiException.badRequest("a value in the request is out of range for the store");
    }
    return new StoreQueryException(STORE, statement, e);
  }
}
