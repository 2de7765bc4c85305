package smarthome.common.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import smarthome.common.devices.Device;
import smarthome.common.devices.DeviceCodec;
import smarthome.common.logs.LogCodec;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;
import smarthome.common.readings.ReadingCodec;

/**
 * Every topic of the pipeline, declared once (DESIGN.md, "Topics"). All are keyed by device_id so
 * one device's events stay in order. Call sites never spell a topic name.
 */
public final class Topics {
  public static final Duration EVENT_RETENTION = Duration.ofDays(7);
  public static final Duration DLQ_RETENTION = Duration.ofDays(30);
  /** Images up to 10 MiB plus headers and batch overhead. */
  public static final int IMAGE_MAX_MESSAGE_BYTES = 12 * 1024 * 1024;
  static final String DEFAULT_MAX_MESSAGE_BYTES = "1048588";
  public static final int DEFAULT_PARTITIONS = 6;

  public static final TopicSpec<Device> DEVICES = new TopicSpec<>("smarthome.devices", Device.class,
      Map.of("cleanup.policy", "compact"));
  public static final TopicSpec<Reading> READINGS = new TopicSpec<>("smarthome.readings",
      Reading.class, retained());
  public static final TopicSpec<LogEvent> LOGS = new TopicSpec<>("smarthome.logs", LogEvent.class,
      retained());
  public static final TopicSpec<byte[]> IMAGES = new TopicSpec<>("smarthome.images", byte[].class,
      Map.of("cleanup.policy", "delete",
          "retention.ms", Long.toString(EVENT_RETENTION.toMillis()),
          "max.message.bytes", Integer.toString(IMAGE_MAX_MESSAGE_BYTES)));
  /** Live per-device state published by the state processor (compacted, keyed by device_id). */
  public static final TopicSpec<byte[]> DEVICE_STATE = new TopicSpec<>("smarthome.device-state",
      byte[].class, Map.of("cleanup.policy", "compact"));

  private Topics() {}

  /** The event topics and their dead-letter topics, as the stack and the workers create them. */
  public static List<TopicSpec<?>> all() {
    return List.of(DEVICES, READINGS, LOGS, IMAGES, DEVICE_STATE,
        DEVICES.deadLetters(), READINGS.deadLetters(), LOGS.deadLetters(), IMAGES.deadLetters(),
        DEVICE_STATE.deadLetters());
  }

  public static Serde<String> keySerde() {
    return Serdes.String();
  }

  public static DeviceCodec deviceCodec() {
    return new DeviceCodec();
  }

  public static ReadingCodec readingCodec() {
    return new ReadingCodec();
  }

  public static LogCodec logCodec() {
    return new LogCodec();
  }

  private static Map<String, String> retained() {
    return Map.of("cleanup.policy", "delete",
        "retention.ms", Long.toString(EVENT_RETENTION.toMillis()));
  }
}
