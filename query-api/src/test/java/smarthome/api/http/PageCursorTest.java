package smarthome.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import smarthome.api.errors.ApiException;

class PageCursorTest {
  static final UUID ID = UUID.fromString("6c1f2f0e-4a51-4c41-9a7e-2d1b7f3c9a10");

  static void refused(String kind, String raw) {
    ApiException e = assertThrows(ApiException.class, () -> {
      PageCursor.Fields f = PageCursor.decode(kind, raw, 2);
      f.millis(0);
      f.uuid(1);
    }, raw);
    assertEquals(HttpStatus.BAD_REQUEST, e.status(), raw);
    assertTrue(e.getMessage().contains("not a cursor this API issued"), e.getMessage());
  }

  static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void whatIsEncodedDecodes() {
    String c = PageCursor.encode("log", 1764144000123L, ID);
    assertTrue(c.matches("[A-Za-z0-9_-]+"), "URL-safe without escaping: " + c);
    PageCursor.Fields f = PageCursor.decode("log", c, 2);
    assertEquals(Instant.ofEpochMilli(1764144000123L), f.millis(0));
    assertEquals(ID, f.uuid(1));
    assertEquals(7, PageCursor.decode("raw", PageCursor.encode("raw", 5, 7), 2).number(1, 0, 10));
  }

  @Test
  void anythingNotIssuedHereIs400() {
    String good = PageCursor.encode("log", 1764144000123L, ID);
    refused("raw", good); // another list's cursor
    refused("log", good.substring(0, good.length() - 2)); // cut
    refused("log", good + "A");
    refused("log", "not base64!");
    refused("log", "");
    refused("log", "x".repeat(PageCursor.MAX_LENGTH + 1));
    refused("log", b64("log.1764144000123." + ID)); // no checksum
    String edited = new String(Base64.getUrlDecoder().decode(good), StandardCharsets.US_ASCII)
        .replace("1764144000123", "1764144000124");
    refused("log", b64(edited)); // a field changed, the checksum kept
    // issued by this codec but with fields out of bounds
    refused("log", PageCursor.encode("log", -5, ID));
    refused("log", PageCursor.encode("log", 1764144000123L, "not-a-uuid"));
    refused("log", PageCursor.encode("log", "x", ID));
    refused("log", PageCursor.encode("log", 1764144000123L, ID, 3));
    assertEquals(HttpStatus.BAD_REQUEST, assertThrows(ApiException.class,
        () -> PageCursor.decode("raw", PageCursor.encode("raw", 5, 11), 2).number(1, 0, 10)).status());
  }

  /** SensorDataPagingIT once saw an edited cursor answered 200: its last character's low bits were unused. */
  @Test
  void anEditedLastCharacterThatDecodesToTheSameBytesIsRefused() {
    int checked = 0;
    for (long t = 1764144000000L; t < 1764144000000L + 200; t++) {
      String good = PageCursor.encode("log", t, ID);
      byte[] bytes = Base64.getUrlDecoder().decode(good);
      int spare = (6 * good.length()) - 8 * bytes.length; // unused low bits of the last character
      if (spare == 0) {
        continue;
      }
      char last = good.charAt(good.length() - 1);
      String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      String edited = good.substring(0, good.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
      assertEquals(new String(bytes, StandardCharsets.US_ASCII),
          new String(Base64.getUrlDecoder().decode(edited), StandardCharsets.US_ASCII), "same bytes");
      refused("log", edited);
      checked++;
    }
    assertTrue(checked > 0, "some cursor lengths leave spare bits");
  }
}
