package smarthome.api.infra;

import java.util.List;
import java.util.Locale;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import smarthome.api.errors.ApiException;
import smarthome.api.errors.StoreQueryException;
import smarthome.api.errors.StoreUnavailableException;

/**
 * Sorts what the InfluxDB client throws into the API's answers. influxdb-java drops the HTTP status
 * and keeps only InfluxDB's error text: typed subclasses for the errors it knows, each saying
 * whether a retry is worth it, and the base class for the rest (whose isRetryWorth() is always
 * true, so it cannot tell a syntax error from an outage). Hence:
 * <ul>
 *   <li>503: InfluxDB unreachable (I/O), a typed error worth a retry, or an answer that is not an
 *       InfluxQL error: a timeout, a query or concurrency limit, a closing engine, or a body that
 *       was no InfluxDB error at all (a proxy's 5xx page, an unreadable answer);
 *   <li>422: the request needs more points, series or buckets than InfluxDB is set to allow;
 *   <li>500: anything else, e.g. a statement of ours InfluxDB cannot parse, or a missing database
 *       or refused credentials: a fault on our side that retrying does not cure.
 * </ul>
 */
public final class InfluxErrors {
  /** How long the API waits for one InfluxDB answer (the client's read timeout). */
  public static final java.time.Duration QUERY_TIMEOUT = java.time.Duration.ofSeconds(15);
  private static final String STORE = "influxdb";
  private static final List<String> TOO_LARGE = List.of("max-select-point", "max-select-series",
      "max-select-buckets");
  private static final List<String> TRANSIENT = List.of("timeout", "timed out",
      "max-concurrent-queries", "query killed", "engine is closed", "shard is closed",
      "shutting down", "unavailable", "too many requests", "overloaded", "bad gateway",
      "internal server error");

  private InfluxErrors() {}

  /** The exception to throw instead of {@code e}; the API's own exceptions pass unchanged. */
  public static RuntimeException translate(RuntimeException e, String statement) {
    if (e instanceof ApiException || e instanceof StoreUnavailableException
        || e instanceof StoreQueryException) {
      return e;
    }
    if (e instanceof InfluxDBIOException) {
      if (e.getCause() instanceof java.net.SocketTimeoutException) {
        return new StoreUnavailableException(STORE + " (the query ran longer than its "
            + QUERY_TIMEOUT.toSeconds() + " s limit)", e);
      }
      return new StoreUnavailableException(STORE, e);
    }
    if (!(e instanceof InfluxDBException ie)) {
      return new StoreQueryException(STORE, statement, e);
    }
    String text = ie.getMessage() == null ? "" : ie.getMessage().toLowerCase(Locale.ROOT);
    if (TOO_LARGE.stream().anyMatch(text::contains)) {
      return ApiException.unprocessable("the request needs more of InfluxDB than it allows in one "
          + "query: narrow the range or widen the interval");
    }
    if (unavailable(ie, text)) {
      return new StoreUnavailableException(STORE, e);
    }
    return new StoreQueryException(STORE, statement, e);
  }

  private static boolean unavailable(InfluxDBException e, String text) {
    if (e.getClass() != InfluxDBException.class) {
      return e.isRetryWorth(); // a full cache: yes; a missing database, refused credentials: no
    }
    if (text.isBlank() || e.getCause() != null || text.startsWith("<")) {
      return true; // not InfluxDB's error text: a gateway's page or an answer that did not decode
    }
    return TRANSIENT.stream().anyMatch(text::contains);
  }
}
