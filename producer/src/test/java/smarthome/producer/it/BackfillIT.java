package smarthome.producer.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import smarthome.common.devices.DeviceCodec;
import smarthome.common.images.Images;
import smarthome.common.kafka.Topics;
import smarthome.common.logs.LogCodec;
import smarthome.common.readings.ReadingCodec;
import smarthome.producer.simulator.SimulatorCli;
import smarthome.testkit.TestStack;

class BackfillIT {
  @Test
  void backfillPublishesExactlyTheExpectedValidRecords() throws Exception {
    String prefix = "bf" + UUID.randomUUID().toString().substring(0, 8) + "_";
    try (TopicTail devices = new TopicTail(Topics.DEVICES.name());
         TopicTail readings = new TopicTail(Topics.READINGS.name());
         TopicTail logs = new TopicTail(Topics.LOGS.name());
         TopicTail images = new TopicTail(Topics.IMAGES.name())) {
      // When the CLI backfills 5 devices over 24 h at 5 min (the seed's data set)
      String end = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
      int rc = SimulatorCli.execute("backfill", "--devices", "5", "--hours", "24", "--interval", "5m",
          "--seed", "42", "--id-prefix", prefix, "--end", end, "-q",
          "--bootstrap-servers", TestStack.kafka().bootstrapServers());
      assertEquals(0, rc);

      // Then Kafka holds exactly 5 devices, 1440 readings, 50 logs and 3 images of ours, all valid
      List<ConsumerRecord<String, byte[]>> d = ours(devices.appended(), prefix);
      List<ConsumerRecord<String, byte[]>> r = ours(readings.appended(), prefix);
      List<ConsumerRecord<String, byte[]>> l = ours(logs.appended(), prefix);
      List<ConsumerRecord<String, byte[]>> i = ours(images.appended(), prefix);
      assertEquals(5, d.size());
      assertEquals(5 * 288, r.size());
      assertEquals(50, l.size());
      assertEquals(3, i.size());
      DeviceCodec dc = new DeviceCodec();
      ReadingCodec rcodec = new ReadingCodec();
      LogCodec lc = new LogCodec();
      for (var rec : d) {
        assertEquals(rec.key(), dc.decode(rec.value()).deviceId());
      }
      for (var rec : r) {
        assertEquals(rec.key(), rcodec.decode(rec.value()).deviceId());
      }
      for (var rec : l) {
        assertEquals(rec.key(), lc.decode(rec.value()).deviceId());
      }
      for (var rec : i) {
        assertEquals(rec.key(), Images.decode(rec.headers(), rec.value(), java.time.Clock.systemUTC())
            .deviceId());
      }
    }
  }

  @Test
  void anUnreachableKafkaFailsWithAClearMessageWithinTheTimeout() {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int rc;
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      rc = SimulatorCli.execute("backfill", "--bootstrap-servers", "127.0.0.1:9", "--connect-timeout",
          "3s", "-q");
    } finally {
      System.setErr(err);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, rc);
    assertTrue(seconds < 30, "gave up after " + seconds + " s");
    assertTrue(captured.toString(StandardCharsets.UTF_8)
        .contains("error: cannot reach Kafka at 127.0.0.1:9 within 3 s"), captured.toString());
  }

  private static List<ConsumerRecord<String, byte[]>> ours(List<ConsumerRecord<String, byte[]>> all,
      String prefix) {
    return all.stream().filter(c -> c.key() != null && c.key().startsWith(prefix)).toList();
  }
}
