package smarthome.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.net.ssl.SSLEngine;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSecurityTest {
  static final ConfigDef DEF = Settings.kafka(new ConfigDef());
  static final String SECRET = "kafka-s3cr3t\"\\x";

  @TempDir
  Path dir;

  static Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", "broker-1.example.com:9093");
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  static KafkaSettings parse(Map<String, String> env) {
    return KafkaSettings.from(Settings.parse(DEF, env));
  }

  static Properties props(Map<String, String> env) {
    return parse(env).clientProperties("test-client");
  }

  static ConfigError refused(Map<String, String> env) {
    return assertThrows(ConfigError.class, () -> parse(env));
  }

  @Test
  void withoutSecurityVariablesAClientIsPlaintextAsBefore() {
    Properties p = props(env());
    assertEquals("PLAINTEXT", p.get("security.protocol"));
    assertEquals("broker-1.example.com:9093", p.get("bootstrap.servers"));
    assertEquals("test-client", p.get("client.id"));
    assertEquals(3, p.size(), p.keySet().toString());
  }

  @Test
  void saslSslWithScramBuildsTheJaasLine() {
    Properties p = props(env("KAFKA_SECURITY_PROTOCOL", "sasl_ssl", "KAFKA_SASL_MECHANISM",
        "SCRAM-SHA-512", "KAFKA_SASL_USERNAME", "worker", "KAFKA_SASL_PASSWORD", SECRET,
        "KAFKA_SSL_CA_FILE", TlsFiles.path("ca.pem").toString()));
    assertEquals("SASL_SSL", p.get("security.protocol"));
    assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
    assertEquals("PEM", p.get("ssl.truststore.type"));
    assertEquals(TlsFiles.path("ca.pem").toString(), p.get("ssl.truststore.location"));
    var entry = JaasContext.loadClientContext(Map.of("sasl.jaas.config",
        new Password((String) p.get("sasl.jaas.config")))).configurationEntries().get(0);
    assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule", entry.getLoginModuleName());
    assertEquals("worker", entry.getOptions().get("username"));
    assertEquals(SECRET, entry.getOptions().get("password"), "quotes and backslashes survive");
  }

  @Test
  void plainIsTheDefaultMechanism() {
    Properties p = props(env("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "key",
        "KAFKA_SASL_PASSWORD", "secret"));
    assertEquals("PLAIN", p.get("sasl.mechanism"));
    assertTrue(p.get("sasl.jaas.config").toString()
        .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required"));
    assertFalse(p.containsKey("ssl.truststore.location"), "no CA file: the JVM's CAs");
  }

  @Test
  void theSecretIsInNoStringAndNoError() {
    KafkaSettings k = parse(env("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "u",
        "KAFKA_SASL_PASSWORD", SECRET));
    assertFalse(k.toString().contains("s3cr3t"), k.toString());
    assertEquals("KafkaSecurity[SASL_SSL PLAIN user=u]", k.security().toString());
    var e = refused(env("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT", "KAFKA_SASL_PASSWORD", SECRET));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
  }

  @Test
  void aMechanismWithoutSaslIsRefused() {
    var e = refused(env("KAFKA_SASL_MECHANISM", "SCRAM-SHA-256"));
    assertEquals("KAFKA_SASL_MECHANISM is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT: SASL needs "
        + "SASL_SSL (or SASL_PLAINTEXT)", e.getMessage());
  }

  @Test
  void aUserWithoutSaslIsRefused() {
    var e = refused(env("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SASL_USERNAME", "u"));
    assertEquals("KAFKA_SASL_USERNAME is set but KAFKA_SECURITY_PROTOCOL is SSL: SASL needs "
        + "SASL_SSL (or SASL_PLAINTEXT)", e.getMessage());
  }

  @Test
  void saslWithoutALoginIsRefused() {
    var e = refused(env("KAFKA_SECURITY_PROTOCOL", "SASL_SSL"));
    assertEquals("KAFKA_SECURITY_PROTOCOL=SASL_SSL needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD "
        + "(or sasl.jaas.config in KAFKA_CLIENT_PROPERTIES_FILE)", e.getMessage());
  }

  @Test
  void aUserWithoutPasswordIsRefused() {
    var e = refused(env("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "u"));
    assertEquals("KAFKA_SASL_PASSWORD is empty: set both KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD",
        e.getMessage());
  }

  @Test
  void tlsFilesWithoutTlsAreRefused() {
    var e = refused(env("KAFKA_SSL_CA_FILE", TlsFiles.path("ca.pem").toString()));
    assertEquals("KAFKA_SSL_CA_FILE is set but KAFKA_SECURITY_PROTOCOL is PLAINTEXT: TLS needs SSL "
        + "or SASL_SSL", e.getMessage());
    e = refused(env("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT", "KAFKA_SASL_USERNAME", "u",
        "KAFKA_SASL_PASSWORD", "p", "KAFKA_SSL_CA_FILE", TlsFiles.path("ca.pem").toString()));
    assertTrue(e.getMessage().startsWith("KAFKA_SSL_CA_FILE is set but KAFKA_SECURITY_PROTOCOL is "
        + "SASL_PLAINTEXT"), e.getMessage());
  }

  @Test
  void anUnknownProtocolOrMechanismIsNamed() {
    var e = refused(env("KAFKA_SECURITY_PROTOCOL", "TLS"));
    assertEquals("configuration error: KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SSL, "
        + "SASL_PLAINTEXT, SASL_SSL (it is 'TLS')", e.getMessage());
    e = refused(env("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "GSSAPI"));
    assertTrue(e.getMessage().contains("KAFKA_SASL_MECHANISM must be one of PLAIN, SCRAM-SHA-256, "
        + "SCRAM-SHA-512"), e.getMessage());
  }

  @Test
  void aMissingOrNonPemCaFileStopsParsing() {
    var e = refused(env("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SSL_CA_FILE",
        dir.resolve("ca.pem").toString()));
    assertEquals("configuration error: KAFKA_SSL_CA_FILE: file " + dir.resolve("ca.pem")
        + " does not exist", e.getMessage());
    Path der = TlsFiles.path("ca.der");
    e = refused(env("KAFKA_SECURITY_PROTOCOL", "SSL", "KAFKA_SSL_CA_FILE", der.toString()));
    assertEquals("configuration error: KAFKA_SSL_CA_FILE: " + der + " is not a PEM certificate file "
        + "(no -----BEGIN CERTIFICATE----- block)", e.getMessage());
  }

  @Test
  void mutualTlsPassesThePemKeyAndChainAsValues() {
    Properties p = props(env("KAFKA_SECURITY_PROTOCOL", "SSL",
        "KAFKA_SSL_CA_FILE", TlsFiles.path("ca.pem").toString(),
        "KAFKA_SSL_CERT_FILE", TlsFiles.path("client.pem").toString(),
        "KAFKA_SSL_KEY_FILE", TlsFiles.path("client.key").toString()));
    assertEquals("PEM", p.get("ssl.keystore.type"));
    assertTrue(p.get("ssl.keystore.key").toString().startsWith("-----BEGIN PRIVATE KEY-----"));
    assertTrue(p.get("ssl.keystore.certificate.chain").toString()
        .startsWith("-----BEGIN CERTIFICATE-----"));
    assertFalse(p.containsKey("ssl.key.password"));
  }

  @Test
  void kafkaBuildsAnSslEngineFromThoseProperties() {
    // Kafka's own factory proves the PEM values and the PEM trust store are what it accepts
    Properties p = props(env("KAFKA_SECURITY_PROTOCOL", "SSL",
        "KAFKA_SSL_CA_FILE", TlsFiles.path("ca.pem").toString(),
        "KAFKA_SSL_CERT_FILE", TlsFiles.path("client.pem").toString(),
        "KAFKA_SSL_KEY_FILE", TlsFiles.path("client.key").toString()));
    Map<String, Object> ssl = new HashMap<>();
    for (String k : p.stringPropertyNames()) {
      if (k.startsWith("ssl.")) {
        ssl.put(k, p.getProperty(k));
      }
    }
    Map<String, ?> configs =
        new AbstractConfig(new ConfigDef().withClientSslSupport(), ssl, false).values();
    try (DefaultSslEngineFactory f = new DefaultSslEngineFactory()) {
      f.configure(configs);
      SSLEngine engine = f.createClientSslEngine("broker-1.example.com", 9093, "https");
      assertNotNull(engine);
      assertNotNull(f.keystore(), "the client certificate is loaded");
    }
  }

  @Test
  void certWithoutKeyIsRefused() {
    var e = refused(env("KAFKA_SECURITY_PROTOCOL", "SSL",
        "KAFKA_SSL_CERT_FILE", TlsFiles.path("client.pem").toString()));
    assertEquals("KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together: set both for mutual TLS, "
        + "or neither", e.getMessage());
  }

  @Test
  void anEncryptedKeyNeedsItsPasswordInThePropertiesFile() throws Exception {
    Map<String, String> env = env("KAFKA_SECURITY_PROTOCOL", "SSL",
        "KAFKA_SSL_CERT_FILE", TlsFiles.path("client.pem").toString(),
        "KAFKA_SSL_KEY_FILE", TlsFiles.path("client-encrypted.key").toString());
    assertTrue(refused(env).getMessage().startsWith("KAFKA_SSL_KEY_FILE: "
        + TlsFiles.path("client-encrypted.key") + " is encrypted: put ssl.key.password in "
        + "KAFKA_CLIENT_PROPERTIES_FILE"));
    Path f = TlsFiles.write(dir, "c.properties", "ssl.key.password=unit-test-key-pass\n");
    env.put("KAFKA_CLIENT_PROPERTIES_FILE", f.toString());
    assertEquals("unit-test-key-pass", props(env).get("ssl.key.password"));
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    var e = refused(env("KAFKA_SECURITY_PROTOCOL", "SSL",
        "KAFKA_SSL_CERT_FILE", TlsFiles.path("client.pem").toString(),
        "KAFKA_SSL_KEY_FILE", TlsFiles.path("other.key").toString()));
    assertEquals("KAFKA_SSL_KEY_FILE: the key in " + TlsFiles.path("other.key")
        + " does not belong to the certificate in KAFKA_SSL_CERT_FILE", e.getMessage());
  }

  @Test
  void thePropertiesFileIsMergedIntoEveryClient() {
    // MSK IAM: everything comes from the file, as with Kafka's --command-config
    Path f = TlsFiles.write(dir, "msk.properties", """
        security.protocol=SASL_SSL
        sasl.mechanism=AWS_MSK_IAM
        sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule required;
        sasl.client.callback.handler.class=software.amazon.msk.auth.iam.IAMClientCallbackHandler
        """);
    KafkaSettings k = parse(env("KAFKA_CLIENT_PROPERTIES_FILE", f.toString()));
    Properties p = k.clientProperties("c");
    assertEquals("SASL_SSL", p.get("security.protocol"));
    assertEquals("AWS_MSK_IAM", p.get("sasl.mechanism"));
    assertEquals("software.amazon.msk.auth.iam.IAMClientCallbackHandler",
        p.get("sasl.client.callback.handler.class"));
    assertFalse(k.toString().contains("IAMLoginModule"), "file values stay out: " + k);
  }

  @Test
  void theFileMayCompleteTheVariables() {
    Path f = TlsFiles.write(dir, "extra.properties", "ssl.endpoint.identification.algorithm=https\n"
        + "security.protocol=SASL_SSL\n");
    Properties p = props(env("KAFKA_CLIENT_PROPERTIES_FILE", f.toString(),
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p"));
    assertEquals("https", p.get("ssl.endpoint.identification.algorithm"));
    assertEquals("SASL_SSL", p.get("security.protocol"));
  }

  @Test
  void theFileAndTheVariablesMustNotDisagree() {
    Path f = TlsFiles.write(dir, "c.properties", "security.protocol=SSL\n");
    var e = refused(env("KAFKA_CLIENT_PROPERTIES_FILE", f.toString(),
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p"));
    assertEquals("KAFKA_SECURITY_PROTOCOL is SASL_SSL but KAFKA_CLIENT_PROPERTIES_FILE sets "
        + "security.protocol=SSL: keep one", e.getMessage());

    Path jaas = TlsFiles.write(dir, "j.properties", "sasl.jaas.config=x required;\n");
    e = refused(env("KAFKA_CLIENT_PROPERTIES_FILE", jaas.toString(),
        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p"));
    assertEquals("KAFKA_SASL_USERNAME and KAFKA_CLIENT_PROPERTIES_FILE (sasl.jaas.config) both give "
        + "a login: keep one", e.getMessage());

    Path trust = TlsFiles.write(dir, "t.properties", "ssl.truststore.location=/x.jks\n");
    e = refused(env("KAFKA_CLIENT_PROPERTIES_FILE", trust.toString(), "KAFKA_SECURITY_PROTOCOL",
        "SSL", "KAFKA_SSL_CA_FILE", TlsFiles.path("ca.pem").toString()));
    assertEquals("KAFKA_SSL_CA_FILE and KAFKA_CLIENT_PROPERTIES_FILE (ssl.truststore.location) both "
        + "configure the same store: keep one", e.getMessage());

    Path boot = TlsFiles.write(dir, "b.properties", "bootstrap.servers=elsewhere:9092\n");
    e = refused(env("KAFKA_CLIENT_PROPERTIES_FILE", boot.toString()));
    assertEquals("KAFKA_CLIENT_PROPERTIES_FILE sets bootstrap.servers, which KAFKA_BOOTSTRAP_SERVERS "
        + "sets otherwise: keep one", e.getMessage());
  }

  @Test
  void aSaslFileWithAPlaintextProtocolIsRefused() {
    Path f = TlsFiles.write(dir, "c.properties", "sasl.mechanism=OAUTHBEARER\n");
    var e = refused(env("KAFKA_CLIENT_PROPERTIES_FILE", f.toString()));
    assertEquals("KAFKA_CLIENT_PROPERTIES_FILE sets sasl.mechanism but the security protocol is "
        + "PLAINTEXT: SASL needs SASL_SSL (or SASL_PLAINTEXT)", e.getMessage());
  }

  @Test
  void aUserCannotLogInWithAMechanismOfTheFile() {
    Path f = TlsFiles.write(dir, "c.properties", "sasl.mechanism=OAUTHBEARER\n");
    var e = refused(env("KAFKA_CLIENT_PROPERTIES_FILE", f.toString(), "KAFKA_SECURITY_PROTOCOL",
        "SASL_SSL", "KAFKA_SASL_USERNAME", "u", "KAFKA_SASL_PASSWORD", "p"));
    assertEquals("KAFKA_SASL_USERNAME builds a login for PLAIN and SCRAM only; mechanism OAUTHBEARER "
        + "needs its sasl.jaas.config in KAFKA_CLIENT_PROPERTIES_FILE", e.getMessage());
  }

  @Test
  void aMissingPropertiesFileIsNamed() {
    var e = refused(env("KAFKA_CLIENT_PROPERTIES_FILE", dir.resolve("none.properties").toString()));
    assertEquals("configuration error: KAFKA_CLIENT_PROPERTIES_FILE: file "
        + dir.resolve("none.properties") + " does not exist", e.getMessage());
  }
}
