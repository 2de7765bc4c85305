package smarthome.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/**
 * How every Kafka client of a process authenticates and encrypts: the standard variables
 * (security protocol, SASL user, PEM CA and client certificate) plus a {@code .properties} file
 * for what they do not cover, the way Kafka's own tools take {@code --command-config}. Parsed and
 * checked once at start-up; contradictions are refused with a message naming the variables.
 *
 * <p>The password, the key and the file's values never appear in {@link #toString()}.
 */
public final class KafkaSecurity {
  /** Mechanisms for which a JAAS line is built from the user name and password. */
  private static final Set<String> BUILT_IN = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
  private static final Set<String> PROTOCOLS =
      Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
  private static final String FILE = Settings.KAFKA_CLIENT_PROPERTIES_FILE;

  private final String protocol;
  private final Optional<String> mechanism;
  private final String username;
  private final Map<String, Object> properties;
  private final Optional<Path> caFile;
  private final Optional<Path> certFile;
  private final Optional<Path> propertiesFile;
  private final Set<String> fileKeys;

  private KafkaSecurity(String protocol, Optional<String> mechanism, String username,
      Map<String, Object> properties, Optional<Path> caFile, Optional<Path> certFile,
      Optional<Path> propertiesFile, Set<String> fileKeys) {
    this.protocol = protocol;
    this.mechanism = mechanism;
    this.username = username;
    this.properties = Map.copyOf(properties);
    this.caFile = caFile;
    this.certFile = certFile;
    this.propertiesFile = propertiesFile;
    this.fileKeys = Set.copyOf(fileKeys);
  }

  /** PLAINTEXT with nothing else: what a client without any security variable gets. */
  public static KafkaSecurity plaintext() {
    return new KafkaSecurity("PLAINTEXT", Optional.empty(), "", Map.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Set.of());
  }

  /**
   * @throws ConfigError naming the variables when they contradict each other or a file is wrong
   */
  public static KafkaSecurity from(AbstractConfig c) {
    Optional<Path> propsFile = path(c.getString(FILE));
    Map<String, String> file = propsFile.map(KafkaSecurity::load).orElse(Map.of());

    String protocol = choose(Settings.KAFKA_SECURITY_PROTOCOL,
        c.getString(Settings.KAFKA_SECURITY_PROTOCOL).toUpperCase(Locale.ROOT),
        "security.protocol", file, "PLAINTEXT");
    if (!PROTOCOLS.contains(protocol)) {
      throw new ConfigError(FILE + ": security.protocol must be one of PLAINTEXT, SSL, "
          + "SASL_PLAINTEXT, SASL_SSL");
    }
    boolean sasl = protocol.startsWith("SASL_");
    boolean tls = protocol.endsWith("SSL");

    String mechanismVar = c.getString(Settings.KAFKA_SASL_MECHANISM).toUpperCase(Locale.ROOT);
    String username = c.getString(Settings.KAFKA_SASL_USERNAME);
    Password password = c.getPassword(Settings.KAFKA_SASL_PASSWORD);
    boolean hasPassword = password != null && !password.value().isEmpty();
    Optional<Path> ca = path(c.getString(Settings.KAFKA_SSL_CA_FILE));
    Optional<Path> cert = path(c.getString(Settings.KAFKA_SSL_CERT_FILE));
    Optional<Path> key = path(c.getString(Settings.KAFKA_SSL_KEY_FILE));

    if (!sasl) {
      String set = !mechanismVar.isEmpty() ? Settings.KAFKA_SASL_MECHANISM
          : !username.isEmpty() ? Settings.KAFKA_SASL_USERNAME
          : hasPassword ? Settings.KAFKA_SASL_PASSWORD : null;
      if (set != null) {
        throw new ConfigError(set + " is set but KAFKA_SECURITY_PROTOCOL is " + protocol
            + ": SASL needs SASL_SSL (or SASL_PLAINTEXT)");
      }
      for (String k : List.of("sasl.mechanism", "sasl.jaas.config")) {
        if (file.containsKey(k)) {
          throw new ConfigError(FILE + " sets " + k + " but the security protocol is " + protocol
              + ": SASL needs SASL_SSL (or SASL_PLAINTEXT)");
        }
      }
    }
    if (!tls) {
      String set = ca.isPresent() ? Settings.KAFKA_SSL_CA_FILE
          : cert.isPresent() ? Settings.KAFKA_SSL_CERT_FILE
          : key.isPresent() ? Settings.KAFKA_SSL_KEY_FILE : null;
      if (set != null) {
        throw new ConfigError(set + " is set but KAFKA_SECURITY_PROTOCOL is " + protocol
            + ": TLS needs SSL or SASL_SSL");
      }
    }
    if (cert.isPresent() != key.isPresent()) {
      throw new ConfigError(Settings.KAFKA_SSL_CERT_FILE + " and " + Settings.KAFKA_SSL_KEY_FILE
          + " go together: set both for mutual TLS, or neither");
    }

    Map<String, Object> ours = new TreeMap<>();
    ours.put("security.protocol", protocol);
    Optional<String> mechanism = Optional.empty();
    if (sasl) {
      String m = choose(Settings.KAFKA_SASL_MECHANISM, mechanismVar, "sasl.mechanism", file, "PLAIN");
      mechanism = Optional.of(m);
      ours.put("sasl.mechanism", m);
      boolean fileJaas = file.containsKey("sasl.jaas.config");
      if (!username.isEmpty() || hasPassword) {
        if (username.isEmpty() || !hasPassword) {
          throw new ConfigError((username.isEmpty() ? Settings.KAFKA_SASL_USERNAME
              : Settings.KAFKA_SASL_PASSWORD) + " is empty: set both KAFKA_SASL_USERNAME and "
              + "KAFKA_SASL_PASSWORD");
        }
        if (fileJaas) {
          throw new ConfigError("KAFKA_SASL_USERNAME and " + FILE + " (sasl.jaas.config) both "
              + "give a login: keep one");
        }
        if (!BUILT_IN.contains(m)) {
          throw new ConfigError("KAFKA_SASL_USERNAME builds a login for PLAIN and SCRAM only; "
              + "mechanism " + m + " needs its sasl.jaas.config in " + FILE);
        }
        ours.put("sasl.jaas.config", new Password(jaas(m, username, password.value())));
      } else if (!fileJaas) {
        throw new ConfigError("KAFKA_SECURITY_PROTOCOL=" + protocol + " needs KAFKA_SASL_USERNAME "
            + "and KAFKA_SASL_PASSWORD (or sasl.jaas.config in " + FILE + ")");
      }
    }
    if (ca.isPresent()) {
      refuseFamily(file, "ssl.truststore.", Settings.KAFKA_SSL_CA_FILE);
      PemFiles.certificates(Settings.KAFKA_SSL_CA_FILE, ca.get());
      ours.put("ssl.truststore.type", "PEM");
      ours.put("ssl.truststore.location", ca.get().toString());
    }
    if (cert.isPresent()) {
      refuseFamily(file, "ssl.keystore.", Settings.KAFKA_SSL_CERT_FILE);
      List<X509Certificate> chain = PemFiles.certificates(Settings.KAFKA_SSL_CERT_FILE, cert.get());
      PemFiles.PemKey k = PemFiles.privateKey(Settings.KAFKA_SSL_KEY_FILE, key.get());
      if (k.encrypted() && !file.containsKey("ssl.key.password")) {
        throw new ConfigError(Settings.KAFKA_SSL_KEY_FILE + ": " + key.get() + " is encrypted: put "
            + "ssl.key.password in " + FILE + ", or decrypt it with openssl pkcs8 -topk8 -nocrypt");
      }
      PemFiles.checkKeyMatches(Settings.KAFKA_SSL_KEY_FILE, key.get(), k,
          Settings.KAFKA_SSL_CERT_FILE, chain.get(0));
      // the key and chain go in as values: Kafka's PEM key store then needs no key password for a
      // plain key, and both are Password-typed configs that Kafka never logs
      ours.put("ssl.keystore.type", "PEM");
      ours.put("ssl.keystore.certificate.chain",
          new Password(PemFiles.certificatesPem(Settings.KAFKA_SSL_CERT_FILE, cert.get())));
      ours.put("ssl.keystore.key", new Password(k.pem()));
    }

    // bootstrap.servers comes from KAFKA_BOOTSTRAP_SERVERS (KafkaSettings sets it): the file may
    // repeat it, not contradict it
    String bootstrap = String.join(",", c.getList(Settings.KAFKA_BOOTSTRAP_SERVERS));
    if (file.containsKey("bootstrap.servers")
        && !file.get("bootstrap.servers").replace(" ", "").equals(bootstrap)) {
      throw new ConfigError(FILE + " sets bootstrap.servers, which KAFKA_BOOTSTRAP_SERVERS sets "
          + "otherwise: keep one");
    }
    Map<String, Object> merged = new TreeMap<>();
    for (var e : file.entrySet()) {
      Object mine = ours.get(e.getKey());
      boolean chosen = e.getKey().equals("security.protocol") || e.getKey().equals("sasl.mechanism");
      if (mine != null && !chosen && !value(mine).equals(e.getValue())) {
        throw new ConfigError(FILE + " sets " + e.getKey() + ", which the variables set otherwise: "
            + "keep one");
      }
      merged.put(e.getKey(), e.getValue());
    }
    merged.putAll(ours);
    return new KafkaSecurity(protocol, mechanism, username, merged, ca, cert, propsFile,
        file.keySet());
  }

  /** Adds the security properties to a client's properties (producer, consumer, admin, Streams). */
  public void applyTo(Properties p) {
    for (var e : properties.entrySet()) {
      p.put(e.getKey(), value(e.getValue()));
    }
  }

  public String protocol() {
    return protocol;
  }

  public boolean tls() {
    return protocol.endsWith("SSL");
  }

  public boolean sasl() {
    return protocol.startsWith("SASL_");
  }

  public Optional<String> mechanism() {
    return mechanism;
  }

  /** The SASL user of the variables; empty when the login comes from the properties file. */
  public String username() {
    return username;
  }

  public Optional<Path> caFile() {
    return caFile;
  }

  /** Keys the properties file sets (without their values, which may be secrets). */
  public Set<String> fileKeys() {
    return fileKeys;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("KafkaSecurity[").append(protocol);
    mechanism.ifPresent(m -> sb.append(' ').append(m));
    if (!username.isEmpty()) {
      sb.append(" user=").append(username);
    }
    caFile.ifPresent(f -> sb.append(" ca=").append(f));
    certFile.ifPresent(f -> sb.append(" cert=").append(f));
    propertiesFile.ifPresent(f -> sb.append(" file=").append(f).append(" keys=").append(fileKeys));
    return sb.append(']').toString();
  }

  /** Escapes for the JAAS parser (a StreamTokenizer): backslash and double quote. */
  static String jaas(String mechanism, String user, String password) {
    String module = mechanism.equals("PLAIN")
        ? "org.apache.kafka.common.security.plain.PlainLoginModule"
        : "org.apache.kafka.common.security.scram.ScramLoginModule";
    return module + " required username=\"" + quote(user) + "\" password=\"" + quote(password) + "\";";
  }

  private static String quote(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** The variable wins when set; the file's key otherwise; both set and different is refused. */
  private static String choose(String variable, String fromVariable, String key,
      Map<String, String> file, String fallback) {
    String fromFile = file.containsKey(key) ? file.get(key).strip().toUpperCase(Locale.ROOT) : null;
    if (!fromVariable.isEmpty() && fromFile != null && !fromVariable.equals(fromFile)) {
      throw new ConfigError(variable + " is " + fromVariable + " but " + FILE + " sets " + key + "="
          + fromFile + ": keep one");
    }
    return !fromVariable.isEmpty() ? fromVariable : fromFile != null ? fromFile : fallback;
  }

  private static void refuseFamily(Map<String, String> file, String prefix, String variable) {
    List<String> clash = new ArrayList<>();
    for (String k : file.keySet()) {
      if (k.startsWith(prefix)) {
        clash.add(k);
      }
    }
    if (!clash.isEmpty()) {
      throw new ConfigError(variable + " and " + FILE + " (" + String.join(", ", clash)
          + ") both configure the same store: keep one");
    }
  }

  private static Map<String, String> load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigError(FILE + ": " + file + " cannot be read as a .properties file ("
          + e.getClass().getSimpleName() + ")");
    }
    Map<String, String> out = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      out.put(k.strip(), p.getProperty(k).strip());
    }
    return out;
  }

  private static Optional<Path> path(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(Path.of(s.strip()));
  }

  private static String value(Object o) {
    return o instanceof Password p ? p.value() : o.toString();
  }
}
