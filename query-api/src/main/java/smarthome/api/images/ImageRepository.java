package smarthome.api.images;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import smarthome.api.infra.Sql;
import smarthome.api.infra.SqlQuery;
import smarthome.api.http.KeysetCursor;

/** The image index in PostgreSQL (device_images): one row per stored image, with its S3 key. */
@Singleton
public class ImageRepository {
  /** An indexed image. */
  public record Row(String imageId, String deviceId, String s3Key, String contentType, long sizeBytes,
      String sha256, String filename, String capturedAt) {}

  private static final String COLUMNS = "image_id, device_id, s3_key, content_type, size_bytes, sha256, "
      + "filename, captured_at";

  private final Sql sql;

  public ImageRepository(Sql sql) {
    this.sql = sql;
  }

  /** The device's newest images first, at most {@code limit}, after the cursor (null: from the newest). */
  public List<Row> newest(String id, KeysetCursor after, int limit) {
    SqlQuery q = new SqlQuery("select " + COLUMNS + " from device_images where device_id = ?", id);
    if (after != null) {
      q.and(true, "(captured_at, image_id) < (?, ?)", after.time(), after.id());
    }
    q.then(" order by captured_at desc, image_id desc limit ?", limit);
    return sql.list(q, ImageRepository::row);
  }

  public Optional<Row> find(String id, UUID image) {
    return sql.list("select " + COLUMNS + " from device_images where device_id = ? and image_id = ?",
        ImageRepository::row, id, image).stream().findFirst();
  }

  private static Row row(ResultSet rs) throws SQLException {
    return new Row(rs.getString("image_id"), rs.getString("device_id"), rs.getString("s3_key"),
        rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"),
        rs.getString("filename"), Sql.time(rs, "captured_at"));
  }
}
