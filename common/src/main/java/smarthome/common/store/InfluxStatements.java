package smarthome.common.store;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;

/**
 * InfluxQL with bound parameters only. An error InfluxDB reports inside a 200 answer (a statement
 * it refused) is thrown as the same {@link InfluxDBException} subtype the client throws for HTTP
 * errors, so callers classify both the same way ({@link InfluxDBException#isRetryWorth()}).
 */
public final class InfluxStatements {
  private InfluxStatements() {}

  /**
   * Runs a statement whose text is ours and whose values are all bound; times come back in epoch
   * milliseconds.
   *
   * @throws org.influxdb.InfluxDBIOException when InfluxDB cannot be reached
   * @throws InfluxDBException when it answers with an error
   */
  public static QueryResult run(InfluxDB influx, String database, String influxql,
      Map<String, Object> params) {
    var b = BoundParameterQuery.QueryBuilder.newQuery(influxql).forDatabase(database);
    params.forEach(b::bind);
    QueryResult r = influx.query(b.create(), TimeUnit.MILLISECONDS);
    if (r.hasError()) {
      throw InfluxDBException.buildExceptionForErrorState(r.getError());
    }
    if (r.getResults() != null) {
      for (QueryResult.Result res : r.getResults()) {
        if (res.hasError()) {
          throw InfluxDBException.buildExceptionForErrorState(res.getError());
        }
      }
    }
    return r;
  }

  /** The first series of the first result, or null when there is none. */
  public static QueryResult.Series firstSeries(QueryResult r) {
    var results = r.getResults();
    if (results == null || results.isEmpty() || results.get(0).getSeries() == null
        || results.get(0).getSeries().isEmpty()) {
      return null;
    }
    return results.get(0).getSeries().get(0);
  }

  /** An instant as InfluxDB's native time: nanoseconds since the epoch. */
  public static long nanos(Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
