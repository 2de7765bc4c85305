package smarthome.common.store;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import smarthome.common.config.InfluxSettings;
import smarthome.common.config.PemTrust;
import smarthome.common.config.Settings;

/** InfluxDB clients (influxdb-java, v1 HTTP API) with bounded timeouts. */
public final class Influx {
  /** The one measurement; tags device_id and device_type; one field per value. */
  public static final String MEASUREMENT = "sensor_data";

  private Influx() {}

  public static InfluxDB connect(InfluxSettings s, int timeoutSeconds) {
    return connect(s, timeoutSeconds, InfluxDB.ResponseFormat.JSON);
  }

  /**
   * A client whose query answers come in the given format: MessagePack (InfluxDB 1.4+) parses
   * several times faster than JSON for the API's large reads.
   */
  public static InfluxDB connect(InfluxSettings s, int timeoutSeconds, InfluxDB.ResponseFormat format) {
    OkHttpClient.Builder http = http(s, timeoutSeconds);
    InfluxDB db;
    if (s.hasCredentials()) {
      db = InfluxDBFactory.connect(s.url(), user(s), s.token().value(), http, format);
    } else if (format == InfluxDB.ResponseFormat.JSON) {
      db = InfluxDBFactory.connect(s.url(), http);
    } else {
      // the factory wants a user for this overload; with auth off InfluxDB ignores it
      db = InfluxDBFactory.connect(s.url(), "smarthome", "", http, format);
    }
    db.setDatabase(s.database());
    return db;
  }

  /** The user name sent with the token: INFLUXDB_USER, or a fixed one (InfluxDB 2 ignores it). */
  public static String user(InfluxSettings s) {
    return s.user().isEmpty() ? "smarthome" : s.user();
  }

  /**
   * The HTTP client settings of every InfluxDB client: bounded timeouts and the configured CA;
   * also for a writer that posts line protocol itself.
   */
  public static OkHttpClient.Builder http(InfluxSettings s, int timeoutSeconds) {
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .connectTimeout(5, TimeUnit.SECONDS)
        .readTimeout(timeoutSeconds, TimeUnit.SECONDS)
        .writeTimeout(timeoutSeconds, TimeUnit.SECONDS)
        // a pooled keep-alive connection is dead after InfluxDB restarts: let the client retry
        // such a request once on a fresh connection (the fault suite found the first request
        // after a restart failing otherwise). Real outages still fail and are retried by us.
        .retryOnConnectionFailure(true);
    // INFLUXDB_CA_FILE: trust exactly that CA (OkHttp still checks the host name)
    s.caFile().ifPresent(ca -> {
      X509TrustManager tm = PemTrust.trustManager(Settings.INFLUXDB_CA_FILE, ca);
      http.sslSocketFactory(PemTrust.sslContext(tm).getSocketFactory(), tm);
    });
    return http;
  }
}
