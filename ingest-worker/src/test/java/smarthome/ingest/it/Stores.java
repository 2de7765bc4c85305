package smarthome.ingest.it;

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
import smarthome.common.testing.TestStack;
import software.amazon.awssdk.services.s3.S3Client;

/** Direct reads of the three stores, to check what the worker wrote. */
final class Stores implements AutoCloseable {
  final HikariDataSource pg = Postgres.pool(TestStack.postgres(), "it-check", 3);
  final InfluxDB influx = Influx.connect(TestStack.influx(), 30);
  final S3Client s3 = S3.client(TestStack.s3(), 4);
  final String bucket = TestStack.s3().bucket();

  Stores() {
    Postgres.migrate(pg);
  }

  /** Points stored for devices whose id starts with the prefix (letters, digits, _ only). */
  long points(String prefix) {
    if (!prefix.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException(prefix);
    }
    QueryResult r = influx.query(new Query("SELECT count(temperature), count(brightness), "
        + "count(sensitivity), count(battery_level), count(energy_usage) FROM sensor_data "
        + "WHERE device_id =~ /^" + prefix + "/", TestStack.influx().database()), TimeUnit.MILLISECONDS);
    if (r.hasError()) {
      throw new IllegalStateException(r.getError());
    }
    var series = r.getResults().get(0).getSeries();
    if (series == null) {
      return 0;
    }
    long total = 0;
    for (List<Object> row : series.get(0).getValues()) {
      for (int i = 1; i < row.size(); i++) {
        if (row.get(i) != null) {
          total += ((Number) row.get(i)).longValue();
        }
      }
    }
    return total;
  }

  long count(String sql, Object... args) {
    try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  long logs(String prefix) {
    return count("select count(*) from system_logs where device_id like ?", prefix + "%");
  }

  long devices(String prefix) {
    return count("select count(*) from devices where device_id like ?", prefix + "%");
  }

  long images(String prefix) {
    return count("select count(*) from device_images where device_id like ?", prefix + "%");
  }

  /** (s3_key, sha256) of the indexed images of the prefix. */
  List<String[]> imageRows(String prefix) {
    List<String[]> out = new ArrayList<>();
    try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(
        "select s3_key, sha256, size_bytes from device_images where device_id like ?")) {
      ps.setString(1, prefix + "%");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  byte[] object(String key) {
    return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
  }

  void exec(String sql, Object... args) {
    try (Connection c = pg.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    pg.close();
    influx.close();
    s3.close();
  }
}
