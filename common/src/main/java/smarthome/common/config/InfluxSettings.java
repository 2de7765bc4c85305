package smarthome.common.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/** InfluxDB through its v1 HTTP API. {@link Password} keeps the token out of toString and logs. */
public record InfluxSettings(String url, String database, String user, Password token, String org) {
  public static InfluxSettings from(AbstractConfig c) {
    return new InfluxSettings(
        stripSlash(c.getString(Settings.INFLUXDB_URL)),
        c.getString(Settings.INFLUXDB_BUCKET),
        c.getString(Settings.INFLUXDB_USER),
        c.getPassword(Settings.INFLUXDB_TOKEN),
        c.getString(Settings.INFLUXDB_ORG));
  }

  public boolean hasCredentials() {
    return token != null && !token.value().isEmpty();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
