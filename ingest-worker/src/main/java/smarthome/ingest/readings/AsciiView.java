package smarthome.ingest.readings;

import java.nio.charset.StandardCharsets;

/** ASCII bytes seen as characters without a copy, reused, for the timestamp parser. */
final class AsciiView implements CharSequence {
  private byte[] bytes;
  private int from;
  private int length;

  AsciiView of(byte[] bytes, int from, int length) {
    this.bytes = bytes;
    this.from = from;
    this.length = length;
    return this;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int i) {
    return (char) bytes[from + i];
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return toString().subSequence(start, end);
  }

  @Override
  public String toString() {
    return new String(bytes, from, length, StandardCharsets.US_ASCII);
  }
}
