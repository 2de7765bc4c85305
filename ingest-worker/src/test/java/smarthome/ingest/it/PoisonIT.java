package smarthome.ingest.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;
import smarthome.common.json.Timestamps;
import smarthome.common.kafka.Topics;
import smarthome.ingest.pipeline.DeadLetters;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.testkit.DeadLetterScan;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Stores;
import smarthome.testkit.TestStack;
import smarthome.testkit.WorkerProcess;

/**
 * Valid events mixed with 30 kinds of poison: every bad one lands in its dead-letter topic with
 * the reason and its source coordinates, every good one is stored, and the partition never stalls.
 */
class PoisonIT {
  record Sent(String kind, String topic, int partition, long offset) {
    String coordinates() {
      return DeadLetterScan.coordinates(topic, partition, offset);
    }
  }

  @Test
  void poisonGoesToTheDeadLetterTopicsAndGoodEventsAreStored() throws Exception {
    String prefix = Traffic.prefix("poison");
    String dev = prefix + "1";
    String now = Timestamps.format(Instant.now().minusSeconds(60));
    String good = "{\"event_id\":\"%s\",\"device_id\":\"" + dev + "\",\"device_type\":\"thermostat\","
        + "\"timestamp\":\"%s\",\"values\":{\"temperature\":21.5,\"humidity\":40,\"pressure\":1013}}";
    Map<String, String> readings = new LinkedHashMap<>();
    readings.put("not json", "hello");
    readings.put("truncated json", "{\"event_id\":\"");
    readings.put("json array", "[1,2,3]");
    readings.put("json string", "\"reading\"");
    readings.put("number as string", reading(good, now).replace("21.5", "\"21.5\""));
    readings.put("bool as number", reading(good, now).replace("21.5", "true"));
    readings.put("NaN", reading(good, now).replace("21.5", "NaN"));
    readings.put("infinite", reading(good, now).replace("21.5", "1e999"));
    readings.put("out of range", reading(good, now).replace("\"humidity\":40", "\"humidity\":140"));
    readings.put("unknown device type", reading(good, now).replace("thermostat", "toaster"));
    readings.put("missing field", reading(good, now).replace(",\"pressure\":1013", ""));
    readings.put("extra field", reading(good, now).replace("\"values\"", "\"extra\":1,\"values\""));
    readings.put("field of another type", reading(good, now).replace("\"pressure\":1013", "\"locked\":true"));
    readings.put("bad event id", reading(good, now).replaceFirst("[0-9a-f-]{36}", "123"));
    readings.put("time without offset", reading(good, now).replace(now, now.replace("Z", "")));
    readings.put("time in 1970", reading(good, now).replace(now, "1970-01-01T00:00:00.000Z"));
    readings.put("time far in the future", reading(good, now).replace(now, "2099-01-01T00:00:00.000Z"));
    readings.put("duplicate key", reading(good, now).replace("\"values\"", "\"timestamp\":\"" + now + "\",\"values\""));
    readings.put("nested too deep", reading(good, now).replace("21.5", "{\"c\":21.5}"));
    Map<String, String> badIds = new LinkedHashMap<>();
    badIds.put("slash in id", dev + "/x");
    badIds.put("newline in id", dev + "\\nx");
    badIds.put("quote in id", dev + "\\\"x");
    badIds.put("65 chars id", "d".repeat(65));
    badIds.put("unicode id", dev + "\u00e9");
    try (Stores stores = TestStack.stores(); Publisher goodOnes = Traffic.publisher();
         KafkaProducer<String, byte[]> raw = rawProducer()) {
      List<Sent> poison = new ArrayList<>();
      int goodCount = 0;
      for (var e : readings.entrySet()) {
        goodCount += sendGood(raw, good, dev, 3);
        poison.add(send(raw, e.getKey(), Topics.READINGS.name(), dev, e.getValue().getBytes(StandardCharsets.UTF_8), null));
      }
      for (var e : badIds.entrySet()) {
        goodCount += sendGood(raw, good, dev, 3);
        String json = reading(good, now).replace("\"device_id\":\"" + dev + "\"", "\"device_id\":\"" + e.getValue() + "\"");
        poison.add(send(raw, e.getKey(), Topics.READINGS.name(), dev, json.getBytes(StandardCharsets.UTF_8), null));
      }
      poison.add(send(raw, "empty value", Topics.READINGS.name(), dev, new byte[0], null));
      poison.add(send(raw, "null value", Topics.READINGS.name(), dev, null, null));
      poison.add(send(raw, "invalid utf-8", Topics.READINGS.name(), dev, new byte[] {(byte) 0xc3, 0x28, (byte) 0xff}, null));
      poison.add(send(raw, "key is not the device id", Topics.READINGS.name(), prefix + "other",
          reading(good, now).getBytes(StandardCharsets.UTF_8), null));
      // logs
      String log = "{\"event_id\":\"" + UUID.randomUUID() + "\",\"device_id\":\"" + dev + "\",\"timestamp\":\""
          + now + "\",\"level\":\"INFO\",\"event_type\":\"t\",\"message\":\"m\"}";
      poison.add(send(raw, "log level unknown", Topics.LOGS.name(), dev, log.replace("INFO", "LOUD").getBytes(StandardCharsets.UTF_8), null));
      poison.add(send(raw, "log NUL in message", Topics.LOGS.name(), dev, log.replace("\"m\"", "\"a\\u0000b\"").getBytes(StandardCharsets.UTF_8), null));
      poison.add(send(raw, "log message too long", Topics.LOGS.name(), dev, log.replace("\"m\"", "\"" + "m".repeat(9000) + "\"").getBytes(StandardCharsets.UTF_8), null));
      // devices
      String device = "{\"device_id\":\"" + dev + "\",\"device_type\":\"camera\",\"location\":\"garden\","
          + "\"manufacturer\":\"Arlo\",\"model\":\"Pro\",\"firmware_version\":\"1.0\",\"last_maintenance\":null,"
          + "\"created_at\":\"2026-01-01T00:00:00.000Z\",\"updated_at\":\"2025-01-01T00:00:00.000Z\"}";
      poison.add(send(raw, "device updated before created", Topics.DEVICES.name(), dev, device.getBytes(StandardCharsets.UTF_8), null));
      // images
      byte[] text = "this is not a picture".getBytes(StandardCharsets.UTF_8);
      ImageMeta meta = new ImageMeta(UUID.randomUUID(), dev, ImageType.JPEG, Instant.now().minusSeconds(5),
          Images.sha256Hex(text), "x.jpg");
      poison.add(send(raw, "text file as image", Topics.IMAGES.name(), dev, text, Images.toHeaders(meta)));
      byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
      ImageMeta wrongSha = new ImageMeta(UUID.randomUUID(), dev, ImageType.PNG, Instant.now().minusSeconds(5),
          Images.sha256Hex(text), "x.png");
      poison.add(send(raw, "image sha256 mismatch", Topics.IMAGES.name(), dev, png, Images.toHeaders(wrongSha)));
      poison.add(send(raw, "image without headers", Topics.IMAGES.name(), dev, png, new RecordHeaders()));
      goodCount += sendGood(raw, good, dev, 5);
      raw.flush();
      assertTrue(poison.size() >= 30, poison.size() + " kinds");

      try (JavaProcess worker = WorkerProcess.start("readings,devices,logs,images")) {
        // Then every good reading is stored
        int expected = goodCount;
        await().atMost(Duration.ofSeconds(90)).until(() -> stores.points(prefix) == expected);
        // And every poison record is in its dead-letter topic with a reason and its coordinates
        Map<String, Map<String, String>> letters = readDeadLetters(poison);
        for (Sent s : poison) {
          Map<String, String> h = letters.get(s.coordinates());
          assertTrue(h != null, "no dead letter for '" + s.kind() + "'");
          assertFalse(h.get(DeadLetters.H_ERROR_MESSAGE).isBlank(), s.kind());
          assertEquals(s.topic(), h.get(DeadLetters.H_SOURCE_TOPIC));
          System.out.printf("%-32s -> %s: %s%n", s.kind(), h.get(DeadLetters.H_ERROR_CLASS),
              h.get(DeadLetters.H_ERROR_MESSAGE));
        }
        assertEquals(0, stores.logs(prefix));
        assertEquals(0, stores.images(prefix));
        assertTrue(worker.alive());
      }
    }
  }

  private static String reading(String template, String time) {
    return String.format(template, UUID.randomUUID(), time);
  }

  private static int sendGood(KafkaProducer<String, byte[]> raw, String template, String dev, int n)
      throws Exception {
    for (int i = 0; i < n; i++) {
      String t = Timestamps.format(Instant.now().minusSeconds(120).plusMillis(COUNTER.incrementAndGet()));
      send(raw, "good", Topics.READINGS.name(), dev, reading(template, t).getBytes(StandardCharsets.UTF_8), null);
    }
    return n;
  }

  private static final java.util.concurrent.atomic.AtomicInteger COUNTER = new java.util.concurrent.atomic.AtomicInteger();

  private static Sent send(KafkaProducer<String, byte[]> raw, String kind, String topic, String key,
      byte[] value, org.apache.kafka.common.header.Headers headers) throws Exception {
    RecordMetadata md = raw.send(new ProducerRecord<>(topic, null, key, value, headers)).get();
    return new Sent(kind, topic, md.partition(), md.offset());
  }

  private static KafkaProducer<String, byte[]> rawProducer() {
    Properties p = Publisher.properties(TestStack.kafka(), PublisherOptions.defaults("it-poison"));
    return new KafkaProducer<>(p, new org.apache.kafka.common.serialization.StringSerializer(),
        new ByteArraySerializer());
  }

  /** Dead letters by source coordinates, read from the dlq topics until all expected are found. */
  private static Map<String, Map<String, String>> readDeadLetters(List<Sent> expected) {
    return DeadLetterScan.bySource(TestStack.kafka().clientProperties("it-dlq-reader"),
        expected.stream().map(Sent::coordinates).toList(), Duration.ofSeconds(90));
  }

}
