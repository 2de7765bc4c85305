package smarthome.ingest.readings;

import java.nio.charset.StandardCharsets;

/**
 * One JSON number read from bytes, for {@link ReadingBytes}: where it ends and the double
 * Jackson's parser gives for it. Reused; not thread-safe.
 */
final class JsonNumber {
  /** Longer numbers go to the codec (Jackson's own limit is 1,000 characters). */
  private static final int MAX_NUMBER_LENGTH = 64;
  private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
      1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  /** The value of the last number {@link #scan} accepted. */
  double value;

  /**
   * A JSON number, to the double Jackson gives for it: an integer of up to 18 digits as its long
   * converted, a short decimal as mantissa / 10^k (both exact doubles, so the quotient is correctly
   * rounded), anything else by Double.parseDouble (correctly rounded, as Jackson's parser).
   * Returns the position after it, or -1 when it is not one this reader takes (the codec decides),
   * including a number that ends the input.
   */
  int scan(byte[] b, int start) {
    int pos = start;
    boolean negative = b[pos] == '-';
    if (negative) {
      pos++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = 0;
    if (pos < b.length && b[pos] == '0') {
      pos++;
      digits = 1;
    } else {
      for (; pos < b.length && b[pos] >= '0' && b[pos] <= '9'; pos++, digits++) {
        mantissa = digits < 18 ? mantissa * 10 + (b[pos] - '0') : mantissa;
      }
    }
    if (digits == 0) {
      return -1;
    }
    if (pos < b.length && b[pos] == '.') {
      pos++;
      for (; pos < b.length && b[pos] >= '0' && b[pos] <= '9'; pos++, fraction++) {
        mantissa = digits + fraction < 18 ? mantissa * 10 + (b[pos] - '0') : mantissa;
      }
      if (fraction == 0) {
        return -1;
      }
    }
    boolean exponent = pos < b.length && (b[pos] == 'e' || b[pos] == 'E');
    if (exponent) {
      pos++;
      if (pos < b.length && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      int e = pos;
      while (pos < b.length && b[pos] >= '0' && b[pos] <= '9') {
        pos++;
      }
      if (pos == e) {
        return -1;
      }
    }
    if (pos - start > MAX_NUMBER_LENGTH || pos >= b.length) {
      return -1;
    }
    double d;
    if (fraction == 0 && !exponent) {
      if (digits > 18) {
        return -1; // Jackson's BigInteger: the codec's business
      }
      d = negative ? -mantissa : mantissa; // long to double, so -0 is 0 as for Jackson's integers
    } else if (!exponent && digits + fraction <= 15 && fraction < POW10.length) {
      d = mantissa / POW10[fraction];
      d = negative ? -d : d;
    } else {
      d = Double.parseDouble(new String(b, start, pos - start, StandardCharsets.US_ASCII));
    }
    value = d;
    return pos;
  }
}
