package smarthome.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transaction shape, on a recording stand-in for a connection (no database needed). */
class JdbcTest {
  private final List<String> calls = new ArrayList<>();

  private Connection connection(SQLException rollbackFailure) {
    boolean[] auto = {true};
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "getAutoCommit":
              return auto[0];
            case "setAutoCommit":
              auto[0] = (Boolean) args[0];
              calls.add("autoCommit=" + args[0]);
              return null;
            case "isClosed":
              return false;
            case "rollback":
              calls.add("rollback");
              if (rollbackFailure != null) {
                throw rollbackFailure;
              }
              return null;
            default:
              calls.add(method.getName());
              return null;
          }
        });
  }

  @Test
  void commitsWhatReturnsAndRestoresAutoCommit() throws SQLException {
    assertEquals(Integer.valueOf(7), Jdbc.<Integer>inTransaction(connection(null), c -> 7));
    assertEquals(List.of("autoCommit=false", "commit", "autoCommit=true"), calls);
  }

  @Test
  void rollsBackWhatThrowsAndRethrowsTheSameException() {
    SQLException cause = new SQLException("duplicate key", "23505");
    SQLException thrown = assertThrows(SQLException.class,
        () -> Jdbc.inTransaction(connection(null), c -> {
          throw cause;
        }));
    assertSame(cause, thrown);
    assertEquals(List.of("autoCommit=false", "rollback", "autoCommit=true"), calls);
  }

  @Test
  void aFailedRollbackIsAttachedAsSuppressedNotThrownInstead() {
    SQLException cause = new SQLException("duplicate key", "23505");
    SQLException rollback = new SQLException("connection reset", "08006");
    SQLException thrown = assertThrows(SQLException.class,
        () -> Jdbc.inTransaction(connection(rollback), c -> {
          throw cause;
        }));
    assertSame(cause, thrown);
    assertEquals(List.of(rollback), List.of(thrown.getSuppressed()));
  }

  @Test
  void aRuntimeExceptionRollsBackToo() {
    assertThrows(IllegalStateException.class, () -> Jdbc.inTransaction(connection(null), c -> {
      throw new IllegalStateException("bug");
    }));
    assertEquals(List.of("autoCommit=false", "rollback", "autoCommit=true"), calls);
  }
}
