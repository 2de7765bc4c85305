package smarthome.common.config;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;

/** Where Kafka is, and how many partitions a topic this process creates gets. */
public record KafkaSettings(String bootstrapServers, int topicPartitions) {
  public static KafkaSettings from(AbstractConfig c) {
    List<String> servers = c.getList(Settings.KAFKA_BOOTSTRAP_SERVERS);
    return new KafkaSettings(String.join(",", servers), c.getInt(Settings.KAFKA_TOPIC_PARTITIONS));
  }

  /** Base client properties; callers add their role's settings. */
  public Properties clientProperties(String clientId) {
    Properties p = new Properties();
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return p;
  }
}
