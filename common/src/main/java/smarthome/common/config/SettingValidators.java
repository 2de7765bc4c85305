package smarthome.common.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * The checks {@link Settings} attaches to its keys: each refuses a value with a message naming the
 * variable, and none echoes a value that may be a secret (a URL may carry credentials).
 */
final class SettingValidators {
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]:]+:[0-9]{1,5}");

  private SettingValidators() {}

  static ConfigDef.Validator nonEmpty() {
    return (name, value) -> {
      if (value == null || value.toString().isBlank()) {
        throw new ConfigException(name + " must not be empty");
      }
    };
  }

  static ConfigDef.Validator pattern(Pattern p, String what) {
    return (name, value) -> {
      if (value == null || !p.matcher(value.toString()).matches()) {
        throw new ConfigException(name + " must be " + what);
      }
    };
  }

  /** One of the values, ignoring case (values are upper-cased or lower-cased where read). */
  static ConfigDef.Validator oneOf(String... allowed) {
    return (name, value) -> {
      String v = value == null ? "" : value.toString();
      for (String a : allowed) {
        if (a.equalsIgnoreCase(v)) {
          return;
        }
      }
      List<String> shown = new ArrayList<>(List.of(allowed));
      shown.remove("");
      throw new ConfigException(name + " must be one of " + String.join(", ", shown)
          + (v.length() <= 32 ? " (it is '" + v + "')" : ""));
    };
  }

  /** Empty, or a PEM file with at least one certificate that parses. */
  static ConfigDef.Validator pemCertificates() {
    return (name, value) -> {
      if (value != null && !value.toString().isEmpty()) {
        rethrow(() -> PemFiles.certificates(name, Path.of(value.toString())));
      }
    };
  }

  /** Empty, or a PEM file with a PKCS#8 private key. */
  static ConfigDef.Validator pemPrivateKey() {
    return (name, value) -> {
      if (value != null && !value.toString().isEmpty()) {
        rethrow(() -> PemFiles.privateKey(name, Path.of(value.toString())));
      }
    };
  }

  /** Empty, or a file that exists and can be read. */
  static ConfigDef.Validator readableFile() {
    return (name, value) -> {
      if (value != null && !value.toString().isEmpty()) {
        Path p = Path.of(value.toString());
        if (!Files.isRegularFile(p)) {
          throw new ConfigException(name + ": file " + p + " does not exist");
        }
        if (!Files.isReadable(p)) {
          throw new ConfigException(name + ": " + p + " cannot be read");
        }
      }
    };
  }

  private static void rethrow(Runnable check) {
    try {
      check.run();
    } catch (ConfigError e) {
      throw new ConfigException(e.getMessage());
    }
  }

  static ConfigDef.Validator hostPorts() {
    return (name, value) -> {
      @SuppressWarnings("unchecked")
      var list = (List<String>) value;
      if (list == null || list.isEmpty()) {
        throw new ConfigException(name + " must list at least one host:port");
      }
      for (String hp : list) {
        if (!HOST_PORT.matcher(hp).matches()) {
          throw new ConfigException(name + " entry '" + hp + "' is not host:port");
        }
      }
    };
  }

  static ConfigDef.Validator httpUrl() {
    return (name, value) -> checkUrl(name, value == null ? "" : value.toString());
  }

  static ConfigDef.Validator optionalHttpUrl() {
    return (name, value) -> {
      if (value != null && !value.toString().isEmpty()) {
        checkUrl(name, value.toString());
      }
    };
  }

  private static void checkUrl(String name, String s) {
    try {
      URI u = URI.create(s);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
        throw new ConfigException(name + " must be an http:// or https:// URL with a host");
      }
    } catch (IllegalArgumentException e) {
      // the value is not echoed: a URL may carry credentials
      throw new ConfigException(name + " is not a URL");
    }
  }
}
