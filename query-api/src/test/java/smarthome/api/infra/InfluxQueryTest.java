package smarthome.api.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiError;
import smarthome.api.errors.ApiException;
import smarthome.api.errors.Errors;
import smarthome.api.errors.StoreQueryException;
import smarthome.api.errors.StoreQueryHandler;
import smarthome.api.errors.StoreUnavailableException;
import smarthome.api.errors.StoreUnavailableHandler;

/** How InfluxDB's failures reach the client: unavailability 503, our own bad query 500, too much 422. */
class InfluxQueryTest {
  static final String Q = "SELECT mean(\"temperature\") FROM sensor_data WHERE device_id = $id";
  static final HttpRequest<?> REQUEST = HttpRequest.GET("/devices/d1/sensor-data?interval=1h");

  /** An InfluxDB client whose query(Query, TimeUnit) answers or throws as told. */
  static InfluxDB influx(Supplier<QueryResult> answer) {
    return (InfluxDB) Proxy.newProxyInstance(InfluxDB.class.getClassLoader(), new Class<?>[] {InfluxDB.class},
        (proxy, method, args) -> {
          if (method.getName().equals("query") && args.length == 2 && args[1] instanceof TimeUnit) {
            return answer.get();
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  static QueryResult statementError(String error) {
    QueryResult.Result result = new QueryResult.Result();
    result.setError(error);
    QueryResult r = new QueryResult();
    r.setResults(List.of(result));
    return r;
  }

  static RuntimeException failure(Supplier<QueryResult> answer) {
    return assertThrows(RuntimeException.class,
        () -> new InfluxQuery(influx(answer), "smarthome").run(Q, Map.of("id", "d1")));
  }

  static HttpResponse<ApiError> answer(RuntimeException e) {
    if (e instanceof StoreQueryException q) {
      return new StoreQueryHandler().handle(REQUEST, q);
    }
    if (e instanceof StoreUnavailableException u) {
      return new StoreUnavailableHandler().handle(REQUEST, u);
    }
    throw new AssertionError("neither a 500 nor a 503: " + e, e);
  }

  @Test
  void aSyntaxErrorInOurOwnQueryIsA500WithAGenericMessageAndNoRetryAfter() {
    // InfluxDB refuses the statement inside its answer
    HttpResponse<ApiError> r = answer(failure(() -> statementError(
        "error parsing query: found FROM, expected identifier at line 1, char 8")));
    assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, r.getStatus());
    assertEquals(Errors.INTERNAL, r.body().message());
    assertFalse(r.getHeaders().contains("Retry-After"));
    // and the same error as an HTTP 400, which the client turns into an exception
    HttpResponse<ApiError> http400 = answer(failure(() -> {
      throw InfluxDBException.buildExceptionForErrorState(
          "{\"error\":\"error parsing query: found EOF, expected FROM at line 1, char 9\"}");
    }));
    assertEquals(HttpStatus.INTERNAL_SERVER_ERROR, http400.getStatus());
  }

  @Test
  void theRefusedStatementIsKeptForTheLogNotShownToTheClient() {
    StoreQueryException e = assertInstanceOf(StoreQueryException.class,
        failure(() -> statementError("error parsing query: found FROM")));
    assertEquals(Q, e.statement());
    assertTrue(e.getCause().getMessage().contains("error parsing query"));
    assertFalse(answer(e).body().message().contains("parsing"));
  }

  @Test
  void anUnreachableInfluxDbIsA503WithRetryAfter() {
    HttpResponse<ApiError> r = answer(failure(() -> {
      throw new InfluxDBIOException(new ConnectException("Connection refused"));
    }));
    assertEquals(HttpStatus.SERVICE_UNAVAILABLE, r.getStatus());
    assertEquals("5", r.getHeaders().get("Retry-After"));
    assertEquals("influxdb is unavailable; try again shortly", r.body().message());
  }

  @Test
  void errorsThatPassWithTimeAre503() {
    for (String body : new String[] {"{\"error\":\"timeout\"}",
        "{\"error\":\"max-concurrent-queries limit exceeded(20, 20)\"}",
        "{\"error\":\"query-timeout limit exceeded\"}",
        "{\"error\":\"cache-max-memory-size exceeded: (1073741824/1073741824)\"}",
        "{\"error\":\"engine is closed\"}",
        "<html><body><h1>502 Bad Gateway</h1></body></html>",
        "{\"code\":\"unavailable\",\"message\":\"service unavailable\"}"}) {
      RuntimeException e = failure(() -> {
        throw InfluxDBException.buildExceptionForErrorState(body);
      });
      assertInstanceOf(StoreUnavailableException.class, e, body);
    }
    assertInstanceOf(StoreUnavailableException.class, failure(() -> statementError("timeout")));
  }

  @Test
  void aRequestBeyondInfluxDbsLimitsIsTheCallers422() {
    RuntimeException e = failure(() -> statementError("max-select-point limit exceeed: (10001/10000)"));
    assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, assertInstanceOf(ApiException.class, e).status());
  }

  @Test
  void aMissingDatabaseOrRefusedCredentialsAre500NotARetry() {
    assertInstanceOf(StoreQueryException.class,
        failure(() -> statementError("database not found: smarthome")));
    assertInstanceOf(StoreQueryException.class, failure(() -> {
      throw InfluxDBException.buildExceptionForErrorState("{\"error\":\"authorization failed\"}");
    }));
  }

  @Test
  void theApisOwnRefusalsPassUnchanged() {
    ApiException notFound = ApiException.notFound("device 'x' not found");
    assertEquals(notFound, InfluxErrors.translate(notFound, Q));
    InfluxQuery q = new InfluxQuery(influx(() -> new QueryResult()), "smarthome");
    assertEquals(notFound, assertThrows(ApiException.class, () -> q.call(Q, () -> {
      throw notFound;
    })));
  }
}
