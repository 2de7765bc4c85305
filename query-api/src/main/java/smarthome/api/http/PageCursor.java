package smarthome.api.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.zip.CRC32;
import smarthome.api.errors.ApiException;
import smarthome.common.json.Text;

/**
 * The one codec of the opaque cursors in {@code Link: rel="next"} headers: base64url of
 * {@code kind.field.field...checksum}. The kind says which list issued it, so a logs cursor
 * sent to sensor-data is refused; the CRC-32 catches a cursor that was cut or edited. Neither is
 * a secret: a cursor only says where in the caller's own, key-checked list the next page starts,
 * and its fields are bound into queries, never spliced. Anything this API did not issue is a 400.
 */
public final class PageCursor {
  /** Longer than any cursor we issue; checked before decoding. */
  static final int MAX_LENGTH = 200;

  private PageCursor() {}

  /** @param fields numbers and UUIDs (no '.'), written with toString */
  public static String encode(String kind, Object... fields) {
    StringJoiner j = new StringJoiner(".");
    j.add(kind);
    for (Object f : fields) {
      j.add(String.valueOf(f));
    }
    String body = j.toString();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(
        (body + "." + crc(body)).getBytes(StandardCharsets.US_ASCII));
  }

  /** The fields of a cursor of this kind with exactly {@code count} fields; 400 otherwise. */
  public static Fields decode(String kind, String raw, int count) {
    try {
      if (raw.length() <= MAX_LENGTH) {
        byte[] bytes = Base64.getUrlDecoder().decode(raw);
        // the decoder ignores the unused low bits of the last character, so an edited last
        // character can decode to the same bytes: only the canonical spelling is one we issued
        boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(raw);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int cut = text.lastIndexOf('.');
        String[] parts = text.substring(0, Math.max(cut, 0)).split("\\.", -1);
        if (canonical && cut > 0 && text.substring(cut + 1).equals(crc(text.substring(0, cut)))
            && parts.length == count + 1 && parts[0].equals(kind)) {
          return new Fields(raw, parts);
        }
      }
    } catch (IllegalArgumentException e) {
      // not base64url: refused below
    }
    throw invalid(raw);
  }

  /** A decoded cursor's fields; one that does not parse as the issuer wrote it is a 400 too. */
  public static final class Fields {
    private final String raw;
    private final String[] parts;

    private Fields(String raw, String[] parts) {
      this.raw = raw;
      this.parts = parts;
    }

    /** Field i, a whole number in [min, max]. */
    public long number(int i, long min, long max) {
      try {
        long n = Long.parseLong(parts[i + 1]);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw invalid(raw);
    }

    /** Field i, epoch milliseconds within the times the API accepts. */
    public Instant millis(int i) {
      return Instant.ofEpochMilli(number(i, Params.EARLIEST.toEpochMilli(), Params.LATEST.toEpochMilli()));
    }

    public UUID uuid(int i) {
      try {
        return UUID.fromString(parts[i + 1]);
      } catch (IllegalArgumentException e) {
        throw invalid(raw);
      }
    }
  }

  private static String crc(String body) {
    CRC32 c = new CRC32();
    c.update(body.getBytes(StandardCharsets.US_ASCII));
    return Long.toString(c.getValue(), 36);
  }

  private static ApiException invalid(String raw) {
    String shown = raw.length() > 60 ? raw.substring(0, 60) + "..." : raw;
    return ApiException.badRequest("cursor " + Text.quote(shown) + " is not a cursor this API issued: "
        + "pass on the one from the previous page's Link header unchanged");
  }
}
