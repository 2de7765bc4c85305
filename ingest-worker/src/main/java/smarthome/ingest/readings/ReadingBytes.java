package smarthome.ingest.readings;

import smarthome.common.devices.DeviceType;
import smarthome.common.json.Timestamps;

/**
 * The transcoder's fast path reader: a reading's JSON read straight from the record's bytes, with
 * no parser object per record (Jackson's parser, its contexts and buffers were a third of the
 * worker's allocation per reading, about 700 B). It reads strict JSON (RFC 8259) narrowed to what
 * producers write: strings of printable ASCII without escapes, the five fields once each, one
 * object of numbers and flags. It never refuses anything: whatever else it meets, valid or not,
 * it declines ({@link #read} false) and the codec accepts or words the refusal. Not thread-safe.
 */
final class ReadingBytes {
  static final int MAX_VALUES = 16;
  private static final DeviceType[] TYPES = DeviceType.values();
  private static final boolean[] HEX = new boolean[256];

  static {
    for (char c : "0123456789abcdefABCDEF".toCharArray()) {
      HEX[c] = true;
    }
  }
  private static final String[] FIELDS = {"event_id", "device_id", "device_type", "timestamp", "values"};

  private byte[] b;
  private int pos;
  /** Where each top-level string value starts and how long it is, by field (values excluded). */
  private final int[] at = new int[4];
  private final int[] len = new int[4];
  private final AsciiView text = new AsciiView();
  private final JsonNumber number = new JsonNumber();
  final int[] nameAt = new int[MAX_VALUES];
  final int[] nameLen = new int[MAX_VALUES];
  final double[] numbers = new double[MAX_VALUES];
  /** 0 a number, 1 false, 2 true. */
  final byte[] kinds = new byte[MAX_VALUES];
  int count;

  /** Reads the record: true when it has the five fields in the narrowed form, values in the slots. */
  boolean read(byte[] json) {
    b = json;
    pos = 0;
    count = 0;
    int seen = 0;
    byte c;
    if (!open((byte) '{')) {
      return false;
    }
    do {
      int nAt = pos + 1;
      int nLen = string();
      if (nLen < 0 || !skipWs() || b[pos++] != ':' || !skipWs()) {
        return false;
      }
      int field = field(nAt, nLen);
      if (field < 0 || (seen & (1 << field)) != 0) {
        return false;
      }
      seen |= 1 << field;
      if (field == 4) {
        if (!values()) {
          return false;
        }
      } else {
        at[field] = pos + 1;
        len[field] = string();
        if (len[field] < 0) {
          return false;
        }
      }
    } while ((c = next()) == ',' && skipWs());
    if (c != '}') {
      return false;
    }
    skipWs();
    return pos == b.length && seen == 31;
  }

  /** The event id is canonical UUID text: hex digits of any case, dashes at 8, 13, 18 and 23. */
  boolean uuidEventId() {
    int a = at[0];
    if (len[0] != 36 || b[a + 8] != '-' || b[a + 13] != '-' || b[a + 18] != '-' || b[a + 23] != '-') {
      return false;
    }
    for (int i = a; i < a + 36; i++) {
      if (!HEX[b[i] & 0xff] && i != a + 8 && i != a + 13 && i != a + 18 && i != a + 23) {
        return false;
      }
    }
    return true;
  }

  boolean deviceIdIs(String key) {
    return is(at[1], len[1], key);
  }

  /** The device type whose wire id the device_type is, or null. */
  DeviceType deviceType() {
    for (DeviceType t : TYPES) {
      if (is(at[2], len[2], t.wire())) {
        return t;
      }
    }
    return null;
  }

  /** {@link Timestamps#canonicalMillis} of the timestamp. */
  long canonicalMillis() {
    return Timestamps.canonicalMillis(text.of(b, at[3], len[3]));
  }

  /** Where the value named so is, trying the guess first (producers keep the table's order); -1 when absent. */
  int indexOf(String name, int guess) {
    if (guess < count && is(nameAt[guess], nameLen[guess], name)) {
      return guess;
    }
    for (int i = 0; i < count; i++) {
      if (is(nameAt[i], nameLen[i], name)) {
        return i;
      }
    }
    return -1;
  }

  private int field(int nAt, int nLen) {
    for (int i = 0; i < FIELDS.length; i++) {
      if (is(nAt, nLen, FIELDS[i])) {
        return i;
      }
    }
    return -1;
  }

  /** The values object: names, and numbers or flags only. */
  private boolean values() {
    if (!open((byte) '{')) {
      return false;
    }
    if (b[pos] == '}') {
      pos++;
      return true;
    }
    byte c;
    do {
      if (count == MAX_VALUES) {
        return false;
      }
      nameAt[count] = pos + 1;
      nameLen[count] = string();
      if (nameLen[count] < 0 || !skipWs() || b[pos++] != ':' || !skipWs() || !scalar()) {
        return false;
      }
      count++;
    } while ((c = next()) == ',' && skipWs());
    return c == '}';
  }

  private boolean scalar() {
    byte c = b[pos];
    if (c == 't' || c == 'f') {
      String word = c == 't' ? "true" : "false";
      if (b.length - pos < word.length() || !is(pos, word.length(), word)) {
        return false;
      }
      pos += word.length();
      kinds[count] = (byte) (c == 't' ? 2 : 1);
      return true;
    }
    kinds[count] = 0;
    int end = number.scan(b, pos);
    if (end < 0) {
      return false;
    }
    pos = end;
    numbers[count] = number.value;
    return true;
  }

  /** A string of printable ASCII without escapes; its length, pos after the closing quote; -1 otherwise. */
  private int string() {
    if (pos >= b.length || b[pos] != '"') {
      return -1;
    }
    int start = ++pos;
    for (; pos < b.length; pos++) {
      byte c = b[pos];
      if (c == '"') {
        pos++;
        return pos - 1 - start;
      }
      if (c < 0x20 || c > 0x7e || c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  /** Whitespace, the byte, whitespace; false at the end of the input. */
  private boolean open(byte c) {
    return skipWs() && b[pos++] == c && skipWs();
  }

  /** The next byte after whitespace, consumed (0 at the end). */
  private byte next() {
    return skipWs() ? b[pos++] : 0;
  }

  /** Skips JSON whitespace; false when the input ends. */
  private boolean skipWs() {
    while (pos < b.length && (b[pos] == ' ' || b[pos] == '\n' || b[pos] == '\r' || b[pos] == '\t')) {
      pos++;
    }
    return pos < b.length;
  }

  private boolean is(int from, int n, String s) {
    if (n != s.length()) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[from + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
