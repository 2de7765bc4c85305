package smarthome.common.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/** PostgreSQL connection settings; the password stays a {@link Password}. */
public record PostgresSettings(String host, int port, String database, String user,
    Password password) {
  public static PostgresSettings from(AbstractConfig c) {
    return new PostgresSettings(
        c.getString(Settings.POSTGRES_HOST),
        c.getInt(Settings.POSTGRES_PORT),
        c.getString(Settings.POSTGRES_DB),
        c.getString(Settings.POSTGRES_USER),
        c.getPassword(Settings.POSTGRES_PASSWORD));
  }

  public String jdbcUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }
}
