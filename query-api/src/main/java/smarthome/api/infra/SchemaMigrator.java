package smarthome.api.infra;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.store.Postgres;

/**
 * Applies the schema migrations at start-up; while PostgreSQL is unreachable it keeps trying in
 * the background, and the API answers 503 for what needs the database meanwhile.
 */
@Context
public class SchemaMigrator {
  private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
  private volatile boolean done;
  private final Thread thread;

  public SchemaMigrator(HikariDataSource ds) {
    thread = new Thread(() -> {
      long delay = 500;
      while (!done && !Thread.currentThread().isInterrupted()) {
        try {
          Postgres.migrate(ds);
          done = true;
        } catch (RuntimeException e) {
          log.warn("schema migration waits for PostgreSQL: {}", e.getMessage());
          try {
            Thread.sleep(delay);
          } catch (InterruptedException ie) {
            return;
          }
          delay = Math.min(delay * 2, 10_000);
        }
      }
    }, "schema-migrator");
    thread.setDaemon(true);
    thread.start();
    try {
      thread.join(10_000); // usually done in well under a second
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean done() {
    return done;
  }

  @PreDestroy
  void stop() {
    thread.interrupt();
  }
}
