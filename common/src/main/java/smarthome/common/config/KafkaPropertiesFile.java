package smarthome.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.types.Password;

/**
 * The {@code .properties} file of {@code KAFKA_CLIENT_PROPERTIES_FILE} and how it meets the
 * variables: each may set what the other leaves open, and where both set a key they must agree.
 * Its values may be secrets: they are never put into a message.
 */
final class KafkaPropertiesFile {
  static final String VARIABLE = Settings.KAFKA_CLIENT_PROPERTIES_FILE;
  private static final KafkaPropertiesFile NONE = new KafkaPropertiesFile(Optional.empty(), Map.of());

  private final Optional<Path> path;
  private final Map<String, String> entries;

  private KafkaPropertiesFile(Optional<Path> path, Map<String, String> entries) {
    this.path = path;
    this.entries = entries;
  }

  /** The file at {@code path}, or no file (nothing set) when {@code path} is empty. */
  static KafkaPropertiesFile load(Optional<Path> path) {
    if (path.isEmpty()) {
      return NONE;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(path.get(), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigError(VARIABLE + ": " + path.get() + " cannot be read as a .properties file ("
          + e.getClass().getSimpleName() + ")");
    }
    Map<String, String> out = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      out.put(k.strip(), p.getProperty(k).strip());
    }
    return new KafkaPropertiesFile(path, out);
  }

  Optional<Path> path() {
    return path;
  }

  boolean has(String key) {
    return entries.containsKey(key);
  }

  Set<String> keys() {
    return entries.keySet();
  }

  /** The variable wins when set; the file's key otherwise; both set and different is refused. */
  String choose(String variable, String fromVariable, String key, String fallback) {
    String fromFile = has(key) ? entries.get(key).strip().toUpperCase(Locale.ROOT) : null;
    if (!fromVariable.isEmpty() && fromFile != null && !fromVariable.equals(fromFile)) {
      throw new ConfigError(variable + " is " + fromVariable + " but " + VARIABLE + " sets " + key
          + "=" + fromFile + ": keep one");
    }
    return !fromVariable.isEmpty() ? fromVariable : fromFile != null ? fromFile : fallback;
  }

  /** Refuses the file's keys of a store ({@code ssl.truststore.}) that a variable configures. */
  void refuseFamily(String prefix, String variable) {
    List<String> clash = new ArrayList<>();
    for (String k : entries.keySet()) {
      if (k.startsWith(prefix)) {
        clash.add(k);
      }
    }
    if (!clash.isEmpty()) {
      throw new ConfigError(variable + " and " + VARIABLE + " (" + String.join(", ", clash)
          + ") both configure the same store: keep one");
    }
  }

  /**
   * The file's entries under the variables' ({@code ours}); a key both set differently is refused,
   * except the protocol and mechanism, which {@link #choose} has already reconciled.
   */
  Map<String, Object> mergeUnder(Map<String, Object> ours, String bootstrap) {
    // bootstrap.servers comes from KAFKA_BOOTSTRAP_SERVERS (KafkaSettings sets it): the file may
    // repeat it, not contradict it
    if (has("bootstrap.servers")
        && !entries.get("bootstrap.servers").replace(" ", "").equals(bootstrap)) {
      throw new ConfigError(VARIABLE + " sets bootstrap.servers, which KAFKA_BOOTSTRAP_SERVERS sets "
          + "otherwise: keep one");
    }
    Map<String, Object> merged = new TreeMap<>();
    for (var e : entries.entrySet()) {
      Object mine = ours.get(e.getKey());
      boolean chosen = e.getKey().equals("security.protocol") || e.getKey().equals("sasl.mechanism");
      if (mine != null && !chosen && !value(mine).equals(e.getValue())) {
        throw new ConfigError(VARIABLE + " sets " + e.getKey() + ", which the variables set "
            + "otherwise: keep one");
      }
      merged.put(e.getKey(), e.getValue());
    }
    merged.putAll(ours);
    return merged;
  }

  /** A property's value as the client sees it (a {@link Password} unwrapped). */
  static String value(Object o) {
    return o instanceof Password p ? p.value() : o.toString();
  }
}
