package smarthome.common.config;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Does a server answer a TLS ClientHello? Used to explain a client that gets no answer at all
 * (plain text to a TLS listener or the reverse). The probe never completes a handshake: its trust
 * manager refuses every certificate, and being shown one is the proof that the server speaks TLS.
 * Nothing is sent beyond the handshake.
 */
public final class TlsProbe {
  private TlsProbe() {}

  /** What the server did with the ClientHello. */
  public enum Answer { TLS, NOT_TLS, UNREACHABLE }

  private static final class SpokeTls extends CertificateException {
    private static final long serialVersionUID = 1L;
  }

  public static Answer probe(String host, int port, Duration timeout) {
    int ms = (int) Math.max(1, timeout.toMillis());
    try (Socket raw = new Socket()) {
      raw.connect(new InetSocketAddress(host, port), ms);
      raw.setSoTimeout(ms);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new Refusing()}, null);
      try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, false)) {
        tls.startHandshake();
        return Answer.TLS; // cannot happen: every certificate is refused
      } catch (IOException e) {
        return causedBySpokeTls(e) ? Answer.TLS : Answer.NOT_TLS;
      }
    } catch (IOException e) {
      return Answer.UNREACHABLE;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS in this JVM", e);
    }
  }

  private static boolean causedBySpokeTls(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SpokeTls) {
        return true;
      }
    }
    return false;
  }

  /** Records that a certificate arrived, and refuses it. */
  private static final class Refusing implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new SpokeTls();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new SpokeTls();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
