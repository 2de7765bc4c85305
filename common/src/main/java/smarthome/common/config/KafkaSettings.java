package smarthome.common.config;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;

/**
 * Where Kafka is, how a client authenticates and encrypts ({@link KafkaSecurity}), and how many
 * partitions a topic this process creates gets.
 */
public record KafkaSettings(String bootstrapServers, int topicPartitions, KafkaSecurity security) {
  /**
   * @throws ConfigError naming the variables when the security settings contradict each other or a
   *     file they name is missing or not PEM
   */
  public static KafkaSettings from(AbstractConfig c) {
    List<String> servers = c.getList(Settings.KAFKA_BOOTSTRAP_SERVERS);
    return new KafkaSettings(String.join(",", servers), c.getInt(Settings.KAFKA_TOPIC_PARTITIONS),
        KafkaSecurity.from(c));
  }

  /**
   * The base of every client of the process (producer, consumer, admin, Streams): the brokers, the
   * client id and the security settings, including the merged KAFKA_CLIENT_PROPERTIES_FILE.
   * Callers add their role's settings.
   */
  public Properties clientProperties(String clientId) {
    Properties p = new Properties();
    security.applyTo(p);
    p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    return p;
  }
}
