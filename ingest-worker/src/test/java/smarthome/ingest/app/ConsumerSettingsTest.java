package smarthome.ingest.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import smarthome.common.kafka.Topics;
import smarthome.ingest.app.IngestConfig.SinkName;
import smarthome.ingest.images.ImagesModule;
import smarthome.ingest.logs.LogsModule;
import smarthome.ingest.pipeline.SinkRunner;
import smarthome.ingest.pipeline.SinkModule.Intake;

/** One place tunes every sink's consumers from the configuration and the sink's intake. */
class ConsumerSettingsTest {
  static IngestConfig config(String... pairs) {
    Map<String, String> e = IngestConfigTest.env();
    for (int i = 0; i < pairs.length; i += 2) {
      e.put(pairs[i], pairs[i + 1]);
    }
    return IngestConfig.parse(e, "logs", null);
  }

  @Test
  void busySinksRunTheConfiguredConsumersAndTheOthersOne() {
    ConsumerSettings s = new ConsumerSettings(config("INGEST_CONSUMERS", "5"));
    assertEquals(5, s.consumers(Intake.BUSY));
    assertEquals(1, s.consumers(Intake.STEADY));
    assertEquals(1, s.consumers(Intake.LARGE));
  }

  @Test
  void eachConsumerJoinsItsSinksGroupUnderTheConfiguredPrefix() {
    Properties p = new ConsumerSettings(config("INGEST_GROUP_PREFIX", "blue")).consumer(SinkName.LOGS, Intake.BUSY, 2);
    assertEquals("blue-logs", p.get(ConsumerConfig.GROUP_ID_CONFIG));
    assertTrue(((String) p.get(ConsumerConfig.CLIENT_ID_CONFIG)).matches("blue-logs-\\d+-2"));
    assertEquals("false", p.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG), "commits follow the store");
  }

  @Test
  void largeEventsGetSmallBatchesAndFetchesThatHoldTheLargestRecord() {
    ConsumerSettings s = new ConsumerSettings(config("INGEST_BATCH_SIZE", "5000"), 1L << 30);
    Properties large = s.consumer(SinkName.IMAGES, Intake.LARGE, 0);
    assertEquals(Integer.toString(Topics.IMAGE_MAX_MESSAGE_BYTES),
        large.get(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG));
    assertEquals("2000", s.consumer(SinkName.LOGS, Intake.BUSY, 0).get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    assertEquals(5000, s.options(LogsModule.create(null, Clock.systemUTC())).batchSize());
  }

  @Test
  void theImagesSinkIsSizedToTheHeapItRunsIn() {
    long mib = 1 << 20;
    ConsumerSettings s = new ConsumerSettings(config("INGEST_BATCH_SIZE", "5000"), 256 * mib);
    Properties images = s.consumer(SinkName.IMAGES, Intake.LARGE, 0);
    // one fetch holds one image at most, one poll returns one: the batch is what grows
    assertEquals(Integer.toString(Topics.IMAGE_MAX_MESSAGE_BYTES), images.get(ConsumerConfig.FETCH_MAX_BYTES_CONFIG));
    assertEquals("1", images.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    SinkRunner.Options o = s.options(ImagesModule.create(null, "b", null, 1, Clock.systemUTC()));
    assertEquals(2, o.batchSize(), "at -Xmx256m: 2 images batched, 10 in memory at worst (half the heap)");
    assertEquals(2L * Topics.IMAGE_MAX_MESSAGE_BYTES, o.batchBytes());
    long worst = (o.batchSize() + Topics.DEFAULT_PARTITIONS + 2L) * Topics.IMAGE_MAX_MESSAGE_BYTES;
    assertTrue(worst <= 128 * mib, "images in memory at worst: " + worst / mib + " MiB");
  }

  @Test
  void aSmallHeapStillPassesOneImageAndALargeOneKeepsTheBatchCap() {
    long mib = 1 << 20;
    assertEquals(1, ConsumerSettings.imageBatch(64 * mib, 32));
    assertEquals(1, ConsumerSettings.imageBatch(128 * mib, 32));
    assertEquals(13, ConsumerSettings.imageBatch(512 * mib, 32));
    assertEquals(32, ConsumerSettings.imageBatch(4096 * mib, 32));
    assertEquals(5, ConsumerSettings.imageBatch(4096 * mib, 5), "INGEST_BATCH_SIZE still caps it");
  }
}
