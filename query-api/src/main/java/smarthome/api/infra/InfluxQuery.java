package smarthome.api.infra;

import java.util.Map;
import java.util.function.Supplier;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;
import smarthome.common.store.InfluxStatements;

/**
 * InfluxQL on the API's client, through {@link InfluxStatements} (values bound, never spliced).
 * Failures are sorted by {@link InfluxErrors}: unreachable or overloaded is a 503, a statement of
 * ours that InfluxDB refuses is a 500, a request larger than InfluxDB's limits a 422.
 */
public class InfluxQuery {
  private final InfluxDB influx;
  private final String database;

  public InfluxQuery(InfluxDB influx, String database) {
    this.influx = influx;
    this.database = database;
  }

  /** Runs a statement whose text is ours; times come back in epoch milliseconds. */
  public QueryResult run(String influxql, Map<String, Object> params) {
    return call(influxql, () -> InfluxStatements.run(influx, database, influxql, params));
  }

  /** The first series of the answer, or null when there is none. */
  public QueryResult.Series firstSeries(String influxql, Map<String, Object> params) {
    return InfluxStatements.firstSeries(run(influxql, params));
  }

  /** Any work against InfluxDB (e.g. a shared eraser), its failures sorted as above. */
  public <T> T call(String statement, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw InfluxErrors.translate(e, statement);
    }
  }
}
