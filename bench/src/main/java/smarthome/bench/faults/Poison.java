package smarthome.bench.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import smarthome.common.devices.DeviceType;
import smarthome.common.devices.FieldSpec;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;
import smarthome.common.json.Timestamps;
import smarthome.common.kafka.Topics;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.DeadLetterScan;

/** 5. A corpus of distinct poison events mixed into good traffic. */
final class Poison {
  private final Harness h;
  private final Scenarios s;

  Poison(Harness h, Scenarios s) {
    this.h = h;
    this.s = s;
  }

  record Sent(String kind, String topic, int partition, long offset) {
    String coordinates() {
      return DeadLetterScan.coordinates(topic, partition, offset);
    }
  }

  Outcome run() throws Exception {
    String prefix = Harness.prefix("poison");
    String dev = prefix + "1";
    String now = Timestamps.format(Instant.now().minusSeconds(60));
    Map<String, byte[]> readings = corpus(dev, now);
    List<Sent> poison = new ArrayList<>();
    int good = 0;
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Publisher.properties(h.stack.kafka(),
        PublisherOptions.defaults("faults-poison")), new StringSerializer(), new ByteArraySerializer())) {
      long t = Instant.now().minusSeconds(3600).toEpochMilli();
      for (Map.Entry<String, byte[]> e : readings.entrySet()) {
        for (int i = 0; i < 5; i++) {
          send(raw, "good", Topics.READINGS.name(), dev, reading(dev, Timestamps.format(Instant.ofEpochMilli(t++)))
              .getBytes(StandardCharsets.UTF_8), null);
          good++;
        }
        poison.add(send(raw, e.getKey(), Topics.READINGS.name(), dev, e.getValue(), null));
      }
      poison.add(send(raw, "key is not the device id", Topics.READINGS.name(), prefix + "other",
          reading(dev, now).getBytes(StandardCharsets.UTF_8), null));
      String log = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"device_id\":\"" + dev + "\",\"timestamp\":\""
          + now + "\",\"level\":\"INFO\",\"event_type\":\"t\",\"message\":\"m\"}";
      poison.add(send(raw, "log level unknown", Topics.LOGS.name(), dev, bytes(log.replace("INFO", "LOUD")), null));
      poison.add(send(raw, "log NUL in message", Topics.LOGS.name(), dev, bytes(log.replace("\"m\"", "\"a\\u0000b\"")), null));
      poison.add(send(raw, "log message too long", Topics.LOGS.name(), dev,
          bytes(log.replace("\"m\"", "\"" + "m".repeat(9000) + "\"")), null));
      poison.add(send(raw, "log event_type with newline", Topics.LOGS.name(), dev, bytes(log.replace("\"t\"", "\"a\\nb\"")), null));
      String device = "{\"device_id\":\"" + dev + "\",\"device_type\":\"camera\",\"location\":\"garden\","
          + "\"manufacturer\":\"Arlo\",\"model\":\"Pro\",\"firmware_version\":\"1.0\",\"last_maintenance\":null,"
          + "\"created_at\":\"2026-01-01T00:00:00.000Z\",\"updated_at\":\"2025-01-01T00:00:00.000Z\"}";
      poison.add(send(raw, "device updated before created", Topics.DEVICES.name(), dev, bytes(device), null));
      poison.add(send(raw, "device with empty location", Topics.DEVICES.name(), dev,
          bytes(device.replace("garden", "").replace("2025-01-01", "2026-02-01")), null));
      byte[] text = bytes("this is not a picture");
      byte[] png = Scenarios.tinyPng();
      poison.add(send(raw, "text file as image", Topics.IMAGES.name(), dev, text, Images.toHeaders(
          new ImageMeta(UUID.randomUUID(), dev, ImageType.JPEG, Instant.now().minusSeconds(5), Images.sha256Hex(text), "x.jpg"))));
      poison.add(send(raw, "image sha256 mismatch", Topics.IMAGES.name(), dev, png, Images.toHeaders(
          new ImageMeta(UUID.randomUUID(), dev, ImageType.PNG, Instant.now().minusSeconds(5), Images.sha256Hex(text), "x.png"))));
      poison.add(send(raw, "image declared jpeg, bytes png", Topics.IMAGES.name(), dev, png, Images.toHeaders(
          new ImageMeta(UUID.randomUUID(), dev, ImageType.JPEG, Instant.now().minusSeconds(5), Images.sha256Hex(png), "x.jpg"))));
      poison.add(send(raw, "image without headers", Topics.IMAGES.name(), dev, png, new RecordHeaders()));
      raw.flush();
    }
    long t0 = System.nanoTime();
    int expected = good;
    Map<String, Map<String, String>> letters;
    long stored;
    try (Harness.Worker w = h.worker("readings,devices,logs,images", "faults")) {
      Harness.until(Duration.ofSeconds(120), () -> s.points(prefix) >= expected);
      letters = deadLetters(poison);
      stored = s.points(prefix);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    long missing = poison.stream().filter(p -> {
      Map<String, String> hdr = letters.get(p.coordinates());
      return hdr == null || hdr.getOrDefault("dlq.error.message", "").isBlank();
    }).count();
    return new Outcome("poison corpus (" + poison.size() + " kinds)", expected, stored,
        Math.max(0, expected - stored), Math.max(0, stored - expected), seconds,
        stored == expected && missing == 0 && poison.size() >= 50,
        (poison.size() - missing) + " of " + poison.size() + " poison records in the DLQs with a reason");
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String reading(String dev, String time) {
    return "{\"event_id\":\"" + UUID.randomUUID() + "\",\"device_id\":\"" + dev + "\",\"device_type\":\"thermostat\","
        + "\"timestamp\":\"" + time + "\",\"values\":{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013}}";
  }

  /** Distinct bad readings: malformed JSON, wrong shapes, each field out of range or of a wrong type. */
  static Map<String, byte[]> corpus(String dev, String now) {
    Map<String, String> c = new LinkedHashMap<>();
    String good = reading(dev, now);
    c.put("not json", "hello");
    c.put("truncated json", "{\"event_id\":\"");
    c.put("json array", "[1,2,3]");
    c.put("json string", "\"reading\"");
    c.put("json number", "42");
    c.put("json null", "null");
    c.put("empty object", "{}");
    c.put("NaN", good.replace("21.5", "NaN"));
    c.put("Infinity token", good.replace("21.5", "Infinity"));
    c.put("infinite", good.replace("21.5", "1e999"));
    c.put("unknown device type", good.replace("thermostat", "toaster"));
    c.put("display-name device type", good.replace("thermostat", "Thermostat"));
    c.put("missing field", good.replace(",\"pressure\":1013", ""));
    c.put("missing timestamp", good.replace("\"timestamp\":\"" + now + "\",", ""));
    c.put("extra field", good.replace("\"values\"", "\"extra\":1,\"values\""));
    c.put("field of another type", good.replace("\"pressure\":1013", "\"locked\":true"));
    c.put("bad event id", good.replaceFirst("[0-9a-f-]{36}", "123"));
    c.put("event id not a string", good.replaceFirst("\"[0-9a-f-]{36}\"", "7"));
    c.put("time without offset", good.replace(now, now.replace("Z", "")));
    c.put("time as epoch", good.replace("\"" + now + "\"", "1780000000000"));
    c.put("time in 1970", good.replace(now, "1970-01-01T00:00:00.000Z"));
    c.put("time far in the future", good.replace(now, "2099-01-01T00:00:00.000Z"));
    c.put("time not a date", good.replace(now, "yesterday"));
    c.put("duplicate key", good.replace("\"values\"", "\"timestamp\":\"" + now + "\",\"values\""));
    c.put("nested too deep", good.replace("21.5", "{\"c\":21.5}"));
    c.put("values as array", good.replace("{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013}", "[21.5]"));
    c.put("values as string", good.replace("{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013}", "\"hot\""));
    c.put("trailing data", good + " {}");
    c.put("slash in id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + dev + "/x\""));
    c.put("newline in id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + dev + "\\nx\""));
    c.put("quote in id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + dev + "\\\"x\""));
    c.put("65 chars id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + "d".repeat(65) + "\""));
    c.put("unicode id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + dev + "\u00e9\""));
    c.put("empty id", good.replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"\""));
    Map<String, byte[]> out = new LinkedHashMap<>();
    c.forEach((k, v) -> out.put(k, bytes(v)));
    // every numeric field of every type out of range, and every field of every type of a wrong JSON type
    for (DeviceType t : DeviceType.values()) {
      for (FieldSpec f : t.fields()) {
        StringBuilder values = new StringBuilder("{");
        StringBuilder wrong = new StringBuilder("{");
        for (FieldSpec g : t.fields()) {
          String ok = g.isNumber() ? Double.toString(g.min()) : "true";
          values.append(values.length() > 1 ? "," : "").append('"').append(g.name()).append("\":")
              .append(g == f && f.isNumber() ? Double.toString(f.max() + 1) : ok);
          wrong.append(wrong.length() > 1 ? "," : "").append('"').append(g.name()).append("\":")
              .append(g == f ? (f.isNumber() ? "\"12\"" : "1") : ok);
        }
        String base = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"device_id\":\"" + dev + "\",\"device_type\":\""
            + t.wire() + "\",\"timestamp\":\"" + now + "\",\"values\":";
        if (f.isNumber()) {
          out.put(t.wire() + "." + f.name() + " out of range", bytes(base + values + "}}"));
        }
        out.put(t.wire() + "." + f.name() + " of the wrong JSON type", bytes(base + wrong + "}}"));
      }
    }
    out.put("empty value", new byte[0]);
    out.put("null value", null);
    out.put("invalid utf-8", new byte[] {(byte) 0xc3, 0x28, (byte) 0xff});
    return out;
  }

  private static Sent send(KafkaProducer<String, byte[]> raw, String kind, String topic, String key,
      byte[] value, Headers headers) throws Exception {
    RecordMetadata md = raw.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    return new Sent(kind, topic, md.partition(), md.offset());
  }

  private Map<String, Map<String, String>> deadLetters(List<Sent> expected) {
    return DeadLetterScan.bySource(h.stack.kafka().clientProperties("faults-dlq-reader"),
        expected.stream().map(Sent::coordinates).toList(), Duration.ofSeconds(90));
  }
}
