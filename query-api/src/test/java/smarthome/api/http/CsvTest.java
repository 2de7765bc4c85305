package smarthome.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiException;

class CsvTest {
  static String csv(List<String> header, List<List<?>> rows) {
    return new String(Csv.write(header, rows), StandardCharsets.UTF_8);
  }

  @Test
  void aHeaderRowThenRowsWithCrlf() {
    assertEquals("a,b\r\n1,true\r\n2.5,\r\n",
        csv(List.of("a", "b"), List.of(List.of(1, true), Arrays.asList(2.5, null))));
    assertEquals("a,b\r\n", csv(List.of("a", "b"), List.of()), "no rows: the header alone");
  }

  @Test
  void fieldsAreQuotedAsRfc4180Says() {
    String out = csv(List.of("message"), List.of(List.of("a, b"), List.of("say \"hi\""),
        List.of("two\nlines"), List.of("cr\rhere"), List.of("plain")));
    assertEquals("message\r\n\"a, b\"\r\n\"say \"\"hi\"\"\"\r\n\"two\nlines\"\r\n\"cr\rhere\"\r\nplain\r\n",
        out);
    // text beyond ASCII is UTF-8 (the generator quotes it too, which RFC 4180 allows)
    assertEquals("message\r\n\"é ü 温度\"\r\n", csv(List.of("message"), List.of(List.of("é ü 温度"))));
  }

  @Test
  void formatWinsThenAccept() {
    assertTrue(Csv.wanted("csv", HttpRequest.GET("/x")));
    assertTrue(Csv.wanted("CSV", HttpRequest.GET("/x").accept("application/json")));
    assertFalse(Csv.wanted("json", HttpRequest.GET("/x").accept("text/csv")));
    assertTrue(Csv.wanted(null, HttpRequest.GET("/x").accept("text/csv")));
    assertTrue(Csv.wanted(null, HttpRequest.GET("/x").header("Accept", "application/json;q=0.5, text/csv")));
    assertFalse(Csv.wanted(null, HttpRequest.GET("/x")));
    assertFalse(Csv.wanted(null, HttpRequest.GET("/x").accept("*/*")));
    assertEquals(HttpStatus.BAD_REQUEST,
        assertThrows(ApiException.class, () -> Csv.wanted("xml", HttpRequest.GET("/x"))).status());
  }
}
