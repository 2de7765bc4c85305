package smarthome.common.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.types.Password;

/**
 * S3 or an S3-compatible store. Empty credentials mean the SDK's default provider chain.
 * {@code caFile}: a private CA trusted for an https endpoint (empty: the JVM's CAs).
 */
public record S3Settings(String bucket, String region, Optional<URI> endpoint, boolean pathStyle,
    String accessKeyId, Password secretAccessKey, Optional<Path> caFile) {
  /** @throws ConfigError when S3_CA_FILE is set for a plain http endpoint */
  public static S3Settings from(AbstractConfig c) {
    String ep = c.getString(Settings.S3_ENDPOINT_URL);
    Optional<URI> endpoint = ep.isEmpty() ? Optional.empty() : Optional.of(URI.create(ep));
    String ps = c.getString(Settings.S3_PATH_STYLE);
    boolean pathStyle = "auto".equals(ps) ? endpoint.isPresent() : Boolean.parseBoolean(ps);
    return new S3Settings(c.getString(Settings.S3_BUCKET_NAME), c.getString(Settings.AWS_REGION),
        endpoint, pathStyle, c.getString(Settings.AWS_ACCESS_KEY_ID),
        c.getPassword(Settings.AWS_SECRET_ACCESS_KEY),
        Settings.caFile(c, Settings.S3_CA_FILE, ep, Settings.S3_ENDPOINT_URL));
  }

  public boolean hasStaticCredentials() {
    return !accessKeyId.isEmpty() && secretAccessKey != null && !secretAccessKey.value().isEmpty();
  }
}
