package smarthome.ingest.readings;

import java.io.IOException;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import smarthome.common.config.InfluxSettings;
import smarthome.common.store.Influx;

/**
 * POST /write of a body of line protocol sent straight from its byte buffer (influxdb-java's
 * write takes a String: one more copy of every batch and its encoding). Same endpoint, parameters
 * and credentials as influxdb-java (v1 API, millisecond precision, consistency one, HTTP basic
 * auth), and failures as the same exceptions, so {@link InfluxReadingSink#classify} sorts them.
 */
final class InfluxLineWriter {
  private static final MediaType TEXT = MediaType.parse("text/plain");

  private final OkHttpClient http;
  private final HttpUrl url;
  private final String authorization;

  InfluxLineWriter(InfluxSettings s, int timeoutSeconds) {
    this.http = Influx.http(s, timeoutSeconds).build();
    HttpUrl base = HttpUrl.get(s.url());
    this.url = base.newBuilder().addPathSegment("write")
        .addQueryParameter("db", s.database())
        .addQueryParameter("rp", "")
        .addQueryParameter("precision", "ms")
        .addQueryParameter("consistency", "one")
        .build();
    // as influxdb-java: a header, never the URL (the token stays out of logs and errors)
    this.authorization = s.hasCredentials()
        ? Credentials.basic(Influx.user(s), s.token().value()) : null;
  }

  /**
   * Writes the first {@code length} bytes of {@code body}.
   *
   * @throws InfluxDBIOException when InfluxDB cannot be reached or the connection fails
   * @throws InfluxDBException what InfluxDB answered instead of 2xx, typed by its error text
   */
  void write(byte[] body, int length) {
    Request.Builder request = new Request.Builder().url(url)
        .post(RequestBody.create(TEXT, body, 0, length));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      if (response.isSuccessful()) {
        return;
      }
      ResponseBody error = response.body();
      throw InfluxDBException.buildExceptionForErrorState(error == null ? "" : error.string());
    } catch (IOException e) {
      throw new InfluxDBIOException(e);
    }
  }

  void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
