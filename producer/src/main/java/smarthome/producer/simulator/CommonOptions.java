package smarthome.producer.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import smarthome.common.config.Env;
import smarthome.common.config.KafkaSettings;
import smarthome.common.config.Settings;
import smarthome.common.devices.DeviceType;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;

/** Options both commands share. */
final class CommonOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka brokers (default: KAFKA_BOOTSTRAP_SERVERS from the environment or .env)")
  String bootstrapServers;

  @Option(names = "--seed", description = "seed for reproducible output (default: ${DEFAULT-VALUE})",
      defaultValue = "42")
  long seed;

  @Option(names = "--types", paramLabel = "MIX", defaultValue = "thermostat,camera,motion_sensor,door_lock,smart_plug",
      description = "device types to cycle through, optionally weighted: thermostat=2,camera=1 "
          + "(default: ${DEFAULT-VALUE})")
  String types;

  @Option(names = "--locations", paramLabel = "ROOMS", split = ",",
      description = "rooms to place devices in (default: the built-in set of 12 rooms)")
  List<String> locations;

  @Option(names = "--id-prefix", defaultValue = "device_",
      description = "device ids are <prefix><n> (default: ${DEFAULT-VALUE})")
  String idPrefix;

  @Option(names = "--connect-timeout", defaultValue = "10s", paramLabel = "DURATION",
      description = "give up when Kafka does not answer within this time (default: ${DEFAULT-VALUE})")
  Duration connectTimeout;

  @Option(names = {"-q", "--quiet"}, description = "no progress line")
  boolean quiet;

  KafkaSettings kafka() {
    var env = new java.util.HashMap<>(Env.load());
    if (bootstrapServers != null) {
      env.put(Settings.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
    }
    return KafkaSettings.from(Settings.parse(Settings.kafka(new ConfigDef()), env));
  }

  Fleet fleet(CommandLine cl, int devices, Instant now) {
    List<DeviceType> mix;
    try {
      mix = Parsing.mix(types);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, "--types: " + e.getMessage());
    }
    List<String> rooms = locations == null ? Fleet.defaultLocations() : locations;
    try {
      return Fleet.create(devices, idPrefix, mix, rooms, seed, now);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, e.getMessage());
    }
  }

  Publisher publisher(KafkaSettings kafka, String clientId) {
    Publisher.checkReachable(kafka, connectTimeout);
    return Publisher.create(kafka, PublisherOptions.defaults(clientId).withMaxBlock(connectTimeout));
  }
}
