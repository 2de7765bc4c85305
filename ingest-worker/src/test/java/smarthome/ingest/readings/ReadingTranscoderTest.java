package smarthome.ingest.readings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.json.InvalidEventException;
import smarthome.common.json.Timestamps;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;
import smarthome.ingest.pipeline.RecordChecks;
import smarthome.testkit.PoisonReadings;

/**
 * The transcoder against the path it replaced (ReadingCodec, the record checks, LineProtocol):
 * the same records accepted, the same lines, the same reasons for the refused.
 */
class ReadingTranscoderTest {
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  final ReadingCodec codec = new ReadingCodec(CLOCK);
  final ReadingTranscoder transcoder = new ReadingTranscoder(CLOCK);
  final LineBuffer out = new LineBuffer(64);

  /** What the readings module did before: decode, check the key, format. */
  String reference(ConsumerRecord<String, byte[]> r) {
    try {
      Reading e = codec.decode(RecordChecks.value(r));
      RecordChecks.key(r, e.deviceId());
      return "line " + LineProtocol.lines(List.of(e)) + " @" + e.timestamp().toEpochMilli();
    } catch (InvalidEventException e) {
      return "refused: " + e.getMessage();
    }
  }

  /** The transcoder's verdict; the buffer keeps what was in it before, and only a line is added. */
  String transcoded(ConsumerRecord<String, byte[]> r) {
    out.setLength(0);
    out.ascii("before\n");
    try {
      long millis = transcoder.append(r, out);
      String text = out.toString();
      assertTrue(text.startsWith("before\n"), text);
      return "line " + text.substring(7) + " @" + millis;
    } catch (InvalidEventException e) {
      assertEquals("before\n", out.toString(), "a refused record leaves nothing in the buffer");
      return "refused: " + e.getMessage();
    }
  }

  static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
    return new ConsumerRecord<>("smarthome.readings", 0, 0, key, value);
  }

  @Test
  void everyPoisonKindIsRefusedWithTheReasonTheCodecGives() {
    String dev = "poison-1";
    Map<String, byte[]> corpus = PoisonReadings.corpus(dev, Timestamps.format(NOW.minusSeconds(60)));
    assertTrue(corpus.size() >= 50, "the corpus has " + corpus.size() + " kinds");
    corpus.forEach((kind, json) -> {
      ConsumerRecord<String, byte[]> r = record(dev, json);
      String expected = reference(r);
      assertTrue(expected.startsWith("refused: "), kind + " is poison: " + expected);
      assertEquals(expected, transcoded(r), kind);
    });
    ConsumerRecord<String, byte[]> otherKey = record("poison-2",
        PoisonReadings.reading(dev, Timestamps.format(NOW)).getBytes(StandardCharsets.UTF_8));
    assertTrue(reference(otherKey).startsWith("refused: record key"));
    assertEquals(reference(otherKey), transcoded(otherKey));
  }

  @Test
  void randomValidReadingsMakeTheSameLinesMostlyOnTheFastPath() {
    Random random = new Random(19);
    for (int i = 0; i < 20_000; i++) {
      Generated g = generate(random);
      ConsumerRecord<String, byte[]> r = record(g.deviceId, g.json.getBytes(StandardCharsets.UTF_8));
      String expected = reference(r);
      assertTrue(expected.startsWith("line "), g.json + " -> " + expected);
      assertEquals(expected, transcoded(r), g.json);
    }
    assertTrue(transcoder.slowPathCount() < 20_000 / 4,
        transcoder.slowPathCount() + " of 20,000 took the codec's path");
  }

  @Test
  void mutatedReadingsGetTheSameVerdicts() {
    Random random = new Random(7);
    int refused = 0;
    for (int i = 0; i < 10_000; i++) {
      Generated g = generate(random);
      byte[] json = mutate(g.json.getBytes(StandardCharsets.UTF_8), random);
      String key = random.nextInt(20) == 0 ? g.deviceId + "x" : g.deviceId;
      ConsumerRecord<String, byte[]> r = record(key, json);
      String expected = reference(r);
      refused += expected.startsWith("refused") ? 1 : 0;
      assertEquals(expected, transcoded(r), new String(json, StandardCharsets.ISO_8859_1));
    }
    assertTrue(refused > 3_000, refused + " of 10,000 mutants refused");
  }

  /** Forms at the edges of the fast path's reader: whitespace, number syntax, escapes, truncation. */
  @Test
  void edgeFormsGetTheSameVerdicts() {
    String head = "\"event_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"device_id\":\"dev1\","
        + "\"device_type\":\"thermostat\",\"timestamp\":\"2026-06-01T11:00:00.000Z\",";
    List<String> forms = new ArrayList<>();
    for (String t : List.of("-0", "0", "-0.0", "21", "21.50", "2.15E1", "2150e-2", "1e400", "-1e-400", "01", "1.",
        ".5", "+1", "-", "21.5x", "0.000000000000000000000215e23", "123456789012345678901", "21.123456789012345678",
        "1013.25", "true", "null", "\"21\"")) {
      forms.add("{" + head + "\"values\":{\"temperature\":" + t + ",\"humidity\":40,\"pressure\":1013}}");
    }
    String ok = "{" + head + "\"values\":{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013}}";
    forms.add(ok);
    forms.add(" \t\r\n" + ok.replace(",", " ,\n\t").replace(":", "\r: ") + "\n ");
    forms.add(ok.substring(0, ok.length() - 1)); // the outer object not closed
    forms.add(ok.substring(0, ok.length() - 2) + "}"); // the values object not closed
    forms.add(ok + "}");
    forms.add(ok + "{}");
    forms.add(ok.replace("\"values\":{", "\"values\":{}, \"v\":{"));
    forms.add(ok.replace("event_id", "event\\u005fid"));
    forms.add(ok.replace("thermostat", "thermo\\u0073tat"));
    forms.add("\uFEFF" + ok);
    forms.add(ok.replace("dev1", "dev\u00e91"));
    forms.add(ok.replace("\"humidity\":40", "\"humidity\":40,\"humidity\":41"));
    forms.add(ok.replace("\"humidity\":40", "\"temperature\":22"));
    for (String json : forms) {
      ConsumerRecord<String, byte[]> r = record("dev1", json.getBytes(StandardCharsets.UTF_8));
      assertEquals(reference(r), transcoded(r), json);
    }
  }

  record Generated(String deviceId, String json) {}

  /** A valid reading in the forms producers may write: any field order, spacing, case, numbers. */
  static Generated generate(Random random) {
    DeviceType type = DeviceType.values()[random.nextInt(DeviceType.values().length)];
    String alphabet = "abcXYZ019_.:-";
    StringBuilder id = new StringBuilder().append("dev"); 
    for (int n = random.nextInt(20); n > 0; n--) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    UUID uuid = UUID.randomUUID();
    String eventId = random.nextBoolean() ? uuid.toString() : uuid.toString().toUpperCase(Locale.ROOT);
    long ms = Timestamps.EARLIEST.toEpochMilli()
        + (long) (random.nextDouble() * (NOW.toEpochMilli() + 86_400_000L - Timestamps.EARLIEST.toEpochMilli()));
    String time = switch (random.nextInt(10)) {
      case 0 -> Instant.ofEpochMilli(ms).atOffset(ZoneOffset.ofHours(2)).toString(); // an offset
      case 1 -> Instant.ofEpochMilli(ms).toString(); // ISO without fixed milliseconds
      default -> Timestamps.format(Instant.ofEpochMilli(ms));
    };
    List<String> values = new ArrayList<>();
    for (FieldSpec f : type.fields()) {
      String v;
      if (!f.isNumber()) {
        v = Boolean.toString(random.nextBoolean());
      } else {
        double d = f.min() + random.nextDouble() * (f.max() - f.min());
        v = switch (random.nextInt(6)) {
          case 0 -> Long.toString((long) d);
          case 1 -> Double.toString(d);
          case 2 -> random.nextBoolean() ? Double.toString(f.min()) : Double.toString(f.max());
          case 3 -> String.format(Locale.ROOT, "%.3e", d);
          default -> Double.toString(Math.round(d * 100) / 100.0);
        };
        if (Double.parseDouble(v) < f.min() || Double.parseDouble(v) > f.max()) {
          v = Double.toString(f.min());
        }
      }
      values.add("\"" + f.name() + "\":" + v);
    }
    if (random.nextInt(4) == 0) {
      Collections.shuffle(values, random);
    }
    String space = random.nextInt(8) == 0 ? " " : "";
    List<String> top = new ArrayList<>(List.of(
        "\"event_id\":\"" + eventId + "\"",
        "\"device_id\":\"" + id + "\"",
        "\"device_type\":\"" + type.wire() + "\"",
        "\"timestamp\":\"" + time + "\"",
        "\"values\":{" + String.join("," + space, values) + "}"));
    if (random.nextInt(4) == 0) {
      Collections.shuffle(top, random);
    }
    return new Generated(id.toString(), "{" + space + String.join("," + space, top) + "}");
  }

  /** One to three random edits: a byte changed, removed or doubled. */
  static byte[] mutate(byte[] json, Random random) {
    byte[] b = json;
    String interesting = "{}[]\",:-.0159eE+ aZ\\tn";
    for (int n = 1 + random.nextInt(3); n > 0 && b.length > 1; n--) {
      int at = random.nextInt(b.length);
      byte c = (byte) interesting.charAt(random.nextInt(interesting.length()));
      b = switch (random.nextInt(3)) {
        case 0 -> {
          byte[] x = b.clone();
          x[at] = c;
          yield x;
        }
        case 1 -> {
          byte[] x = new byte[b.length - 1];
          System.arraycopy(b, 0, x, 0, at);
          System.arraycopy(b, at + 1, x, at, b.length - at - 1);
          yield x;
        }
        default -> {
          byte[] x = new byte[b.length + 1];
          System.arraycopy(b, 0, x, 0, at + 1);
          System.arraycopy(b, at, x, at + 1, b.length - at);
          yield x;
        }
      };
    }
    return b;
  }
}
