package smarthome.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import smarthome.common.config.ConnectionFailures.Kind;

class TlsProbeTest {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void aTlsServerIsRecognisedWithoutTrustingIt() throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) TlsFiles.serverContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = serve(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.startHandshake();
        }
      });
      assertEquals(TlsProbe.Answer.TLS, TlsProbe.probe("127.0.0.1", server.getLocalPort(), TIMEOUT));
      t.join(5000);
    }
  }

  @Test
  void aPlainServerThatHangsUpIsNotTls() throws Exception {
    // like a PLAINTEXT Kafka listener: it reads the ClientHello as a huge size and closes
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = serve(() -> {
        try (Socket s = server.accept()) {
          s.getInputStream().read(new byte[4]);
        }
      });
      assertEquals(TlsProbe.Answer.NOT_TLS, TlsProbe.probe("127.0.0.1", server.getLocalPort(), TIMEOUT));
      t.join(5000);
    }
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    assertEquals(TlsProbe.Answer.UNREACHABLE, TlsProbe.probe("127.0.0.1", port, TIMEOUT));
  }

  @Test
  void aPlaintextKafkaClientFacingTlsIsTold() throws Exception {
    try (SSLServerSocket server = (SSLServerSocket) TlsFiles.serverContext().getServerSocketFactory()
        .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread t = serve(() -> {
        try (SSLSocket s = (SSLSocket) server.accept()) {
          s.startHandshake();
        }
      });
      KafkaSettings k = KafkaSettings.from(Settings.parse(Settings.kafka(new org.apache.kafka.common
          .config.ConfigDef()), Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + server.getLocalPort())));
      var f = ConnectionFailures.explainKafkaSilence(k, TIMEOUT).orElseThrow();
      assertEquals(Kind.TLS_MISMATCH, f.kind());
      assertEquals("Kafka at 127.0.0.1:" + server.getLocalPort() + " speaks TLS but "
          + "KAFKA_SECURITY_PROTOCOL is PLAINTEXT: set it to SASL_SSL or SSL (with KAFKA_SSL_CA_FILE "
          + "for a private CA)", f.message());
      t.join(5000);
    }
  }

  @Test
  void aClosedPortExplainsNothing() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    KafkaSettings k = KafkaSettings.from(Settings.parse(Settings.kafka(new org.apache.kafka.common
        .config.ConfigDef()), Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port)));
    assertEquals(Optional.empty(), ConnectionFailures.explainKafkaSilence(k, TIMEOUT));
  }

  interface IoRunnable {
    void run() throws IOException;
  }

  static Thread serve(IoRunnable r) {
    Thread t = new Thread(() -> {
      try {
        r.run();
      } catch (IOException e) {
        // the probe hangs up: expected
      }
    });
    t.start();
    return t;
  }
}
