package smarthome.common.kafka;

import java.util.Map;

/**
 * A topic with its value codec and the topic-level configs it is created with.
 *
 * @param <V> the decoded value type; {@code byte[]} for topics that carry raw bytes
 */
public record TopicSpec<V>(String name, Class<V> valueType, Map<String, String> configs) {
  public TopicSpec {
    configs = Map.copyOf(configs);
  }

  /** The dead-letter topic of this one: same size limit, longer retention for forensics. */
  public TopicSpec<byte[]> deadLetters() {
    String maxBytes = configs.getOrDefault("max.message.bytes", Topics.DEFAULT_MAX_MESSAGE_BYTES);
    return new TopicSpec<>(name + ".dlq", byte[].class, Map.of(
        "cleanup.policy", "delete",
        "retention.ms", Long.toString(Topics.DLQ_RETENTION.toMillis()),
        "max.message.bytes", maxBytes));
  }
}
