package smarthome.ingest.readings;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for InfluxDB line protocol, reused from batch to batch: lines are
 * appended as ASCII bytes and the request body is sent straight from {@link #array()}. Line
 * protocol here is ASCII by construction (validated device ids, type and field names from the
 * table, numbers), so a char is a byte.
 */
public final class LineBuffer {
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  /** Bigger than this and the buffer is dropped after use rather than kept (one huge batch). */
  private static final int KEEP_AT_MOST = 8 << 20;

  private final int initialCapacity;
  private byte[] bytes;
  private int length;

  public LineBuffer(int capacity) {
    this.initialCapacity = capacity;
    this.bytes = new byte[capacity];
  }

  /** The bytes; valid up to {@link #length()}. */
  public byte[] array() {
    return bytes;
  }

  public int length() {
    return length;
  }

  /** Forgets everything after {@code length} (0: empties the buffer for the next batch). */
  public void setLength(int length) {
    this.length = length;
    if (length == 0 && bytes.length > KEEP_AT_MOST) {
      bytes = new byte[initialCapacity];
    }
  }

  /** A copy of the bytes from {@code from} to the end. */
  public byte[] copyFrom(int from) {
    return Arrays.copyOfRange(bytes, from, length);
  }

  public LineBuffer append(byte b) {
    ensure(1);
    bytes[length++] = b;
    return this;
  }

  public LineBuffer append(byte[] b) {
    return append(b, 0, b.length);
  }

  public LineBuffer append(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, bytes, length, len);
    length += len;
    return this;
  }

  /** ASCII text, one byte per char. */
  public LineBuffer ascii(CharSequence s) {
    int n = s.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
    return this;
  }

  public LineBuffer flag(boolean b) {
    return append(b ? TRUE : FALSE);
  }

  /** A long in decimal. */
  public LineBuffer number(long v) {
    if (v == Long.MIN_VALUE) {
      return ascii(Long.toString(v));
    }
    ensure(20);
    if (v < 0) {
      bytes[length++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long x = v; x >= 10; x /= 10) {
      digits++;
    }
    for (int i = length + digits - 1; i >= length; i--) {
      bytes[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    length += digits;
    return this;
  }

  /**
   * A double as decimal text that parses back to exactly the same double. Sensor values have few
   * decimals: those take a fast path through long arithmetic, checked by the round trip; anything
   * else falls back to {@link Double#toString}.
   */
  public LineBuffer number(double d) {
    if (Math.abs(d) < 1e9) {
      long scaled = Math.round(d * 1_000_000);
      if ((double) scaled / 1_000_000 == d) {
        if (scaled < 0) {
          append((byte) '-');
          scaled = -scaled;
        }
        number(scaled / 1_000_000);
        long frac = scaled % 1_000_000;
        if (frac != 0) {
          append((byte) '.');
          int digits = 6;
          while (frac % 10 == 0) {
            frac /= 10;
            digits--;
          }
          int width = 1;
          for (long x = frac; x >= 10; x /= 10) {
            width++;
          }
          for (int i = width; i < digits; i++) {
            append((byte) '0');
          }
          number(frac);
        }
        return this;
      }
    }
    return ascii(Double.toString(d));
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  /** The text (for tests and messages). */
  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
  }
}
