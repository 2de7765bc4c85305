package smarthome.common.store;

import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import smarthome.common.config.InfluxSettings;

/** InfluxDB clients (influxdb-java, v1 HTTP API) with bounded timeouts. */
public final class Influx {
  /** The one measurement; tags device_id and device_type; one field per value. */
  public static final String MEASUREMENT = "sensor_data";

  private Influx() {}

  public static InfluxDB connect(InfluxSettings s, int timeoutSeconds) {
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(timeoutSeconds, TimeUnit.SECONDS)
        .writeTimeout(timeoutSeconds, TimeUnit.SECONDS)
        // our sinks retry with their own backoff; a silent client retry could hide an outage
        .retryOnConnectionFailure(false);
    InfluxDB db;
    if (s.hasCredentials()) {
      String user = s.user().isEmpty() ? "smarthome" : s.user();
      db = InfluxDBFactory.connect(s.url(), user, s.token().value(), http);
    } else {
      db = InfluxDBFactory.connect(s.url(), http);
    }
    db.setDatabase(s.database());
    return db;
  }
}
