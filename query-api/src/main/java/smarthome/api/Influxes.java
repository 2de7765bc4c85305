package smarthome.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.QueryResult;
import smarthome.api.errors.StoreUnavailableException;

/** InfluxQL with bound parameters only; any failure is a 503 naming InfluxDB. */
public final class Influxes {
  private Influxes() {}

  /** Runs a query whose text is ours and whose values are all bound; times come back in epoch ms. */
  public static QueryResult query(InfluxDB influx, String database, String influxql,
      Map<String, Object> params) {
    var b = BoundParameterQuery.QueryBuilder.newQuery(influxql).forDatabase(database);
    params.forEach(b::bind);
    QueryResult r;
    try {
      r = influx.query(b.create(), TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      throw new StoreUnavailableException("influxdb", e);
    }
    if (r.hasError()) {
      throw new StoreUnavailableException("influxdb", new IllegalStateException(r.getError()));
    }
    for (QueryResult.Result res : r.getResults()) {
      if (res.hasError()) {
        throw new StoreUnavailableException("influxdb", new IllegalStateException(res.getError()));
      }
    }
    return r;
  }

  /** The rows of the first series, or an empty list. */
  public static QueryResult.Series firstSeries(QueryResult r) {
    List<QueryResult.Result> results = r.getResults();
    if (results == null || results.isEmpty() || results.get(0).getSeries() == null
        || results.get(0).getSeries().isEmpty()) {
      return null;
    }
    return results.get(0).getSeries().get(0);
  }

  public static long nanos(java.time.Instant t) {
    return t.getEpochSecond() * 1_000_000_000L + t.getNano();
  }
}
