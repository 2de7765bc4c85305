package smarthome.common.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/**
 * PostgreSQL connection settings; the password stays a {@link Password}. {@code sslMode} has
 * libpq's meaning (disable, prefer, require, verify-ca, verify-full); {@code sslRootCert} is the
 * CA for the verify modes (empty: the JVM's CAs).
 */
public record PostgresSettings(String host, int port, String database, String user,
    Password password, String sslMode, Optional<Path> sslRootCert) {
  /** pgjdbc's factory that validates with the JVM's trust store instead of a root.crt file. */
  static final String JVM_TRUST_FACTORY = "org.postgresql.ssl.DefaultJavaSSLFactory";

  /**
   * @throws ConfigError when POSTGRES_SSLROOTCERT is set with a mode that does not check
   *     certificates
   */
  public static PostgresSettings from(AbstractConfig c) {
    String mode = c.getString(Settings.POSTGRES_SSLMODE).toLowerCase(Locale.ROOT);
    String root = c.getString(Settings.POSTGRES_SSLROOTCERT);
    Optional<Path> rootCert = root.isBlank() ? Optional.empty() : Optional.of(Path.of(root.strip()));
    if (rootCert.isPresent() && !mode.startsWith("verify-")) {
      throw new ConfigError(Settings.POSTGRES_SSLROOTCERT + " is set but POSTGRES_SSLMODE is " + mode
          + ", which checks no certificate: use verify-full (or verify-ca)");
    }
    return new PostgresSettings(
        c.getString(Settings.POSTGRES_HOST),
        c.getInt(Settings.POSTGRES_PORT),
        c.getString(Settings.POSTGRES_DB),
        c.getString(Settings.POSTGRES_USER),
        c.getPassword(Settings.POSTGRES_PASSWORD),
        mode,
        rootCert);
  }

  public String jdbcUrl() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + database;
  }

  /**
   * pgjdbc's TLS properties. For the verify modes without a root certificate, the JVM's trust
   * store is used (pgjdbc would otherwise insist on ~/.postgresql/root.crt); pgjdbc checks the host
   * name for verify-full whatever the factory.
   */
  public Properties sslProperties() {
    Properties p = new Properties();
    p.setProperty("sslmode", sslMode);
    if (sslMode.startsWith("verify-")) {
      if (sslRootCert.isPresent()) {
        p.setProperty("sslrootcert", sslRootCert.get().toString());
      } else {
        p.setProperty("sslfactory", JVM_TRUST_FACTORY);
      }
    }
    return p;
  }
}
