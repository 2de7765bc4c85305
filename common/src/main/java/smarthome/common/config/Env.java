package smarthome.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The process environment, optionally completed by a {@code .env} file in the working directory.
 * A real environment variable always wins over the file.
 *
 * <p>File format: {@code KEY=value} lines, {@code #} comments, an optional {@code export} prefix,
 * values optionally in single quotes (taken literally) or double quotes ({@code \n \" \\} escapes).
 */
public final class Env {
  private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Env() {}

  /** {@code .env} of the working directory (if any) overlaid by the real environment. */
  public static Map<String, String> load() {
    return load(Path.of(".env"), System.getenv());
  }

  public static Map<String, String> load(Path dotEnv, Map<String, String> real) {
    Map<String, String> merged = new HashMap<>();
    if (Files.isRegularFile(dotEnv)) {
      try {
        merged.putAll(parse(dotEnv.toString(), Files.readAllLines(dotEnv, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new ConfigError("cannot read " + dotEnv + ": " + e.getMessage());
      }
    }
    merged.putAll(real);
    return merged;
  }

  /** Parses .env lines; errors name the file and line but never echo a value. */
  public static Map<String, String> parse(String source, List<String> lines) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring(7).stripLeading();
      }
      int eq = line.indexOf('=');
      String where = source + " line " + (i + 1);
      if (eq <= 0) {
        throw new ConfigError(where + ": expected KEY=value");
      }
      String key = line.substring(0, eq).strip();
      if (!KEY.matcher(key).matches()) {
        throw new ConfigError(where + ": '" + key + "' is not a valid variable name");
      }
      out.put(key, value(line.substring(eq + 1).strip(), where, key));
    }
    return out;
  }

  private static String value(String raw, String where, String key) {
    if (raw.startsWith("'")) {
      int end = raw.indexOf('\'', 1);
      if (end < 0) {
        throw new ConfigError(where + ": unterminated single quote in " + key);
      }
      return raw.substring(1, end);
    }
    if (raw.startsWith("\"")) {
      StringBuilder sb = new StringBuilder();
      for (int j = 1; j < raw.length(); j++) {
        char c = raw.charAt(j);
        if (c == '"') {
          return sb.toString();
        }
        if (c == '\\' && j + 1 < raw.length()) {
          char n = raw.charAt(++j);
          sb.append(switch (n) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> n;
          });
        } else {
          sb.append(c);
        }
      }
      throw new ConfigError(where + ": unterminated double quote in " + key);
    }
    int hash = raw.indexOf(" #");
    return (hash >= 0 ? raw.substring(0, hash) : raw).strip();
  }
}
