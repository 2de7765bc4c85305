package smarthome.testkit;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import smarthome.common.store.Influx;
import smarthome.common.store.Postgres;
import smarthome.common.store.S3;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Direct reads of the three stores, to check what the worker and the API wrote. */
public final class Stores implements AutoCloseable {
  public final HikariDataSource pg;
  public final InfluxDB influx;
  public final S3Client s3;
  private final String database;
  private final String bucket;

  /** Opens a client per store and migrates the schema, so a count never fails on a missing table. */
  public Stores(StackSettings stack) {
    pg = Postgres.pool(stack.postgres(), "testkit-stores", 3);
    influx = Influx.connect(stack.influx(), 120); // a count over a benchmark's millions of points
    s3 = S3.client(stack.s3(), 4);
    database = stack.influx().database();
    bucket = stack.s3().bucket();
    Postgres.migrate(pg);
  }

  /** Points stored for devices whose id starts with the prefix (letters, digits, _ only). */
  public long points(String prefix) {
    QueryResult r = influxQuery("SELECT count(temperature), count(brightness), count(sensitivity), "
        + "count(battery_level), count(energy_usage) FROM sensor_data WHERE device_id =~ /^" + idPrefix(prefix) + "/");
    long total = 0;
    for (List<Object> row : rows(r)) {
      for (int i = 1; i < row.size(); i++) {
        if (row.get(i) != null) {
          total += ((Number) row.get(i)).longValue();
        }
      }
    }
    return total;
  }

  /** An InfluxQL statement of ours (no user input) on the stack's database; fails on an error. */
  public QueryResult influxQuery(String q) {
    QueryResult r = influx.query(new Query(q, database), TimeUnit.MILLISECONDS);
    if (r.hasError() || r.getResults().get(0).hasError()) {
      throw new IllegalStateException(q + ": " + (r.hasError() ? r.getError() : r.getResults().get(0).getError()));
    }
    return r;
  }

  /** The rows of the first series of the first statement, none when it has no series. */
  public static List<List<Object>> rows(QueryResult r) {
    List<QueryResult.Series> series = r.getResults().get(0).getSeries();
    return series == null ? List.of() : series.get(0).getValues();
  }

  /** The first column of the first row of a query, e.g. {@code count("select count(*) ...", id)}. */
  public long count(String sql, Object... args) {
    try (Connection c = pg.getConnection(); PreparedStatement ps = bind(c.prepareStatement(sql), args);
         ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public void exec(String sql, Object... args) {
    try (Connection c = pg.getConnection(); PreparedStatement ps = bind(c.prepareStatement(sql), args)) {
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public long logs(String prefix) {
    return count("select count(*) from system_logs where device_id like ?", prefix + "%");
  }

  public long devices(String prefix) {
    return count("select count(*) from devices where device_id like ?", prefix + "%");
  }

  public long images(String prefix) {
    return count("select count(*) from device_images where device_id like ?", prefix + "%");
  }

  /** (s3_key, sha256, size_bytes) of the indexed images of the prefix. */
  public List<String[]> imageRows(String prefix) {
    List<String[]> out = new ArrayList<>();
    String sql = "select s3_key, sha256, size_bytes from device_images where device_id like ?";
    try (Connection c = pg.getConnection(); PreparedStatement ps = bind(c.prepareStatement(sql), prefix + "%");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return out;
  }

  public void putObject(String key, byte[] bytes) {
    s3.putObject(r -> r.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes));
  }

  public byte[] object(String key) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  /** The objects of the bucket whose key starts with the prefix ("" for all), every page of them. */
  public List<S3Object> objects(String keyPrefix) {
    List<S3Object> out = new ArrayList<>();
    s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(keyPrefix.isEmpty() ? null : keyPrefix)).contents().forEach(out::add);
    return out;
  }

  private static PreparedStatement bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  private static String idPrefix(String prefix) {
    if (!prefix.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("a device id prefix of letters, digits and _: " + prefix);
    }
    return prefix;
  }

  @Override
  public void close() {
    pg.close();
    influx.close();
    s3.close();
  }
}
