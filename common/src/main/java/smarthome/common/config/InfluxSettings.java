package smarthome.common.config;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/**
 * InfluxDB through its v1 HTTP API. {@link Password} keeps the token out of toString and logs.
 * {@code caFile}: a private CA trusted for an https URL (empty: the JVM's CAs).
 */
public record InfluxSettings(String url, String database, String user, Password token, String org,
    Optional<Path> caFile) {
  /** @throws ConfigError when INFLUXDB_CA_FILE is set for a plain http URL */
  public static InfluxSettings from(AbstractConfig c) {
    String url = stripSlash(c.getString(Settings.INFLUXDB_URL));
    Optional<Path> ca = Settings.caFile(c, Settings.INFLUXDB_CA_FILE, url, Settings.INFLUXDB_URL);
    return new InfluxSettings(
        url,
        c.getString(Settings.INFLUXDB_BUCKET),
        c.getString(Settings.INFLUXDB_USER),
        c.getPassword(Settings.INFLUXDB_TOKEN),
        c.getString(Settings.INFLUXDB_ORG),
        ca);
  }

  public boolean hasCredentials() {
    return token != null && !token.value().isEmpty();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
