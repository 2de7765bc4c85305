package smarthome.common.config;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
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
  private static final String FILE = KafkaPropertiesFile.VARIABLE;

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
    KafkaPropertiesFile file = KafkaPropertiesFile.load(path(c.getString(FILE)));

    String protocol = file.choose(Settings.KAFKA_SECURITY_PROTOCOL,
        c.getString(Settings.KAFKA_SECURITY_PROTOCOL).toUpperCase(Locale.ROOT),
        "security.protocol", "PLAINTEXT");
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
        if (file.has(k)) {
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
      String m = file.choose(Settings.KAFKA_SASL_MECHANISM, mechanismVar, "sasl.mechanism", "PLAIN");
      mechanism = Optional.of(m);
      ours.put("sasl.mechanism", m);
      boolean fileJaas = file.has("sasl.jaas.config");
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
      file.refuseFamily("ssl.truststore.", Settings.KAFKA_SSL_CA_FILE);
      PemFiles.certificates(Settings.KAFKA_SSL_CA_FILE, ca.get());
      ours.put("ssl.truststore.type", "PEM");
      ours.put("ssl.truststore.location", ca.get().toString());
    }
    if (cert.isPresent()) {
      file.refuseFamily("ssl.keystore.", Settings.KAFKA_SSL_CERT_FILE);
      List<X509Certificate> chain = PemFiles.certificates(Settings.KAFKA_SSL_CERT_FILE, cert.get());
      PemFiles.PemKey k = PemFiles.privateKey(Settings.KAFKA_SSL_KEY_FILE, key.get());
      if (k.encrypted() && !file.has("ssl.key.password")) {
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

    String bootstrap = String.join(",", c.getList(Settings.KAFKA_BOOTSTRAP_SERVERS));
    return new KafkaSecurity(protocol, mechanism, username, file.mergeUnder(ours, bootstrap), ca,
        cert, file.path(), file.keys());
  }

  /** Adds the security properties to a client's properties (producer, consumer, admin, Streams). */
  public void applyTo(Properties p) {
    for (var e : properties.entrySet()) {
      p.put(e.getKey(), KafkaPropertiesFile.value(e.getValue()));
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

  private static Optional<Path> path(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(Path.of(s.strip()));
  }
}
