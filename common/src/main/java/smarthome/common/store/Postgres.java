package smarthome.common.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.common.config.PostgresSettings;

/** The PostgreSQL pool and the schema, which migrations in this module own (never dropped). */
public final class Postgres {
  private static final Logger log = LoggerFactory.getLogger(Postgres.class);

  private Postgres() {}

  /**
   * A pool that does not fail at construction when the database is down: the first connection is
   * tried lazily, so a worker can start, then wait for PostgreSQL like for any other outage.
   */
  public static HikariDataSource pool(PostgresSettings s, String name, int maxSize) {
    return pool(s, name, maxSize, null);
  }

  /**
   * A pool whose connections end any statement running longer than {@code statementTimeout}
   * (PostgreSQL's statement_timeout, set at connection start-up; null = the server's setting).
   */
  public static HikariDataSource pool(PostgresSettings s, String name, int maxSize,
      java.time.Duration statementTimeout) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(name);
    c.setJdbcUrl(s.jdbcUrl());
    c.setUsername(s.user());
    c.setPassword(s.password().value());
    c.setMaximumPoolSize(maxSize);
    c.setMinimumIdle(Math.min(2, maxSize));
    c.setConnectionTimeout(5_000);
    c.setValidationTimeout(2_000);
    c.setInitializationFailTimeout(-1);
    c.addDataSourceProperty("reWriteBatchedInserts", "true");
    c.addDataSourceProperty("connectTimeout", "5");
    c.addDataSourceProperty("socketTimeout", "60");
    c.addDataSourceProperty("tcpKeepAlive", "true");
    c.addDataSourceProperty("ApplicationName", name);
    // POSTGRES_SSLMODE and POSTGRES_SSLROOTCERT: pgjdbc takes them as connection properties
    s.sslProperties().forEach((k, v) -> c.addDataSourceProperty(k.toString(), v));
    if (statementTimeout != null) {
      c.addDataSourceProperty("options", "-c statement_timeout=" + statementTimeout.toMillis());
    }
    return new HikariDataSource(c);
  }

  /** Applies pending migrations under classpath:db/migration; safe to run from several processes. */
  public static MigrateResult migrate(DataSource ds) {
    MigrateResult r = Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .cleanDisabled(true)
        .load()
        .migrate();
    if (r.migrationsExecuted > 0) {
      log.info("schema migrated to version {} ({} migrations)", r.targetSchemaVersion,
          r.migrationsExecuted);
    }
    return r;
  }
}
