package smarthome.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Pong;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import smarthome.common.config.InfluxSettings;
import smarthome.common.store.Influx;

class InfluxSmokeIT {
  final InfluxSettings settings = TestStack.influx();

  @Test
  void writesQueriesWithBoundParametersAndDeletesASeries() {
    try (InfluxDB db = Influx.connect(settings, 10)) {
      Pong pong = db.ping();
      assertTrue(pong.isGood(), "ping");
      String device = "smoke-" + UUID.randomUUID();
      long t0 = System.currentTimeMillis() - 60_000;
      // Given three points written as line protocol with millisecond precision
      String lines = String.join("\n",
          Influx.MEASUREMENT + ",device_id=" + device + ",device_type=thermostat temperature=20.5 " + t0,
          Influx.MEASUREMENT + ",device_id=" + device + ",device_type=thermostat temperature=21.5 " + (t0 + 1000),
          Influx.MEASUREMENT + ",device_id=" + device + ",device_type=thermostat temperature=22.5 " + (t0 + 2000));
      db.write(settings.database(), "", InfluxDB.ConsistencyLevel.ONE, TimeUnit.MILLISECONDS, lines);

      // When we query them with the device id as a bound parameter, never spliced into the text
      Query q = BoundParameterQuery.QueryBuilder
          .newQuery("SELECT temperature FROM sensor_data WHERE device_id = $id")
          .forDatabase(settings.database()).bind("id", device).create();
      QueryResult r = db.query(q, TimeUnit.MILLISECONDS);

      // Then they come back in time order
      assertNull(r.getError());
      List<List<Object>> values = r.getResults().get(0).getSeries().get(0).getValues();
      assertEquals(3, values.size());
      assertEquals(21.5, ((Number) values.get(1).get(1)).doubleValue());

      // And a DELETE with a bound tag value removes the series
      QueryResult d = db.query(BoundParameterQuery.QueryBuilder
          .newQuery("DELETE FROM sensor_data WHERE device_id = $id")
          .forDatabase(settings.database()).bind("id", device).create());
      assertNull(d.getError());
      QueryResult after = db.query(q, TimeUnit.MILLISECONDS);
      assertNull(after.getResults().get(0).getSeries(), "series gone after DELETE");
    }
  }
}
