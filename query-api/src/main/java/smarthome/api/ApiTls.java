package smarthome.api;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import smarthome.common.config.ConfigError;
import smarthome.common.config.PemFiles;

/**
 * The API's HTTPS certificate and key (PEM), checked before the server starts: both files or
 * neither, each a readable PEM of its kind, the key plain (PKCS#8) and belonging to the first
 * certificate of the chain. With them the API serves HTTPS only and sends HSTS.
 */
public record ApiTls(Path certFile, Path keyFile) {
  public static final String API_TLS_CERT_FILE = "API_TLS_CERT_FILE";
  public static final String API_TLS_KEY_FILE = "API_TLS_KEY_FILE";

  /**
   * @return empty when neither variable is set (plain HTTP)
   * @throws ConfigError naming the variable whose file is missing, unreadable, not PEM, or alone
   */
  public static Optional<ApiTls> from(String cert, String key) {
    boolean hasCert = cert != null && !cert.isBlank();
    boolean hasKey = key != null && !key.isBlank();
    if (!hasCert && !hasKey) {
      return Optional.empty();
    }
    if (hasCert != hasKey) {
      throw new ConfigError((hasCert ? API_TLS_KEY_FILE : API_TLS_CERT_FILE) + " is not set but "
          + (hasCert ? API_TLS_CERT_FILE : API_TLS_KEY_FILE) + " is: set both for HTTPS, or neither");
    }
    Path certFile = Path.of(cert.strip());
    Path keyFile = Path.of(key.strip());
    List<X509Certificate> chain = PemFiles.certificates(API_TLS_CERT_FILE, certFile);
    PemFiles.PemKey k = PemFiles.privateKey(API_TLS_KEY_FILE, keyFile);
    if (k.encrypted()) {
      throw new ConfigError(API_TLS_KEY_FILE + ": " + keyFile + " is encrypted; the API reads a "
          + "plain key: decrypt it with openssl pkcs8 -topk8 -nocrypt (and keep the file 0600)");
    }
    PemFiles.checkKeyMatches(API_TLS_KEY_FILE, keyFile, k, API_TLS_CERT_FILE, chain.get(0));
    return Optional.of(new ApiTls(certFile.toAbsolutePath(), keyFile.toAbsolutePath()));
  }
}
