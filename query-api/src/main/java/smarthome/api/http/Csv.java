package smarthome.api.http;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import smarthome.api.errors.ApiException;
import smarthome.common.json.Text;

/**
 * CSV answers (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line
 * break, quotes doubled), written by Jackson's CSV generator. Chosen by {@code format=csv} or by
 * {@code Accept: text/csv}; errors stay JSON.
 */
public final class Csv {
  public static final String TYPE = "text/csv";
  public static final MediaType MEDIA_TYPE = MediaType.of("text/csv; charset=utf-8; header=present");
  private static final CsvMapper MAPPER = new CsvMapper();
  private static final CsvSchema ROWS = CsvSchema.emptySchema().withLineSeparator("\r\n");

  private Csv() {}

  /** format=csv or json wins; without it, an Accept that names text/csv (400 for another format). */
  public static boolean wanted(String format, HttpRequest<?> request) {
    if (format != null) {
      return switch (format.toLowerCase(Locale.ROOT)) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw ApiException.badRequest("format " + Text.quote(format) + " is not csv or json");
      };
    }
    return request.getHeaders().accept().stream().anyMatch(m -> m.getName().equalsIgnoreCase(TYPE));
  }

  /** A header row, then one row per entry; null values are empty fields. */
  public static byte[] write(List<String> header, List<? extends List<?>> rows) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + rows.size() * 96);
    try (SequenceWriter w = MAPPER.writer(ROWS).writeValues(out)) {
      w.write(header);
      for (List<?> row : rows) {
        // an empty string, not null: the generator leaves a trailing null out, and the column with it
        w.write(row.stream().map(v -> v == null ? "" : v).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
    return out.toByteArray();
  }
}
