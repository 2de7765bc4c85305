package smarthome.common.config;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trust built from a PEM CA bundle named by a setting ({@code INFLUXDB_CA_FILE}, {@code S3_CA_FILE}):
 * for the clients that take a trust manager rather than a PEM path.
 */
public final class PemTrust {
  private PemTrust() {}

  /** A trust manager that trusts exactly the certificates of the bundle (a private CA). */
  public static X509TrustManager trustManager(String variable, Path caFile) {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (X509Certificate c : PemFiles.certificates(variable, caFile)) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("no X509TrustManager in " + tmf.getAlgorithm());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store from " + variable, e);
    }
  }

  /** A TLS context whose only trust anchors are those of {@code tm}. */
  public static SSLContext sslContext(X509TrustManager tm) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context", e);
    }
  }
}
