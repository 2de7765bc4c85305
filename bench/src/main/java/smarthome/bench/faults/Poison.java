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
import smarthome.testkit.PoisonReadings;

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
    Map<String, byte[]> readings = PoisonReadings.corpus(dev, now);
    List<Sent> poison = new ArrayList<>();
    int good = 0;
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Publisher.properties(h.stack.kafka(),
        PublisherOptions.defaults("faults-poison")), new StringSerializer(), new ByteArraySerializer())) {
      long t = Instant.now().minusSeconds(3600).toEpochMilli();
      for (Map.Entry<String, byte[]> e : readings.entrySet()) {
        for (int i = 0; i < 5; i++) {
          send(raw, "good", Topics.READINGS.name(), dev, PoisonReadings.reading(dev, Timestamps.format(Instant.ofEpochMilli(t++)))
              .getBytes(StandardCharsets.UTF_8), null);
          good++;
        }
        poison.add(send(raw, e.getKey(), Topics.READINGS.name(), dev, e.getValue(), null));
      }
      poison.add(send(raw, "key is not the device id", Topics.READINGS.name(), prefix + "other",
          PoisonReadings.reading(dev, now).getBytes(StandardCharsets.UTF_8), null));
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
