package smarthome.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import smarthome.testkit.Repo;

/**
 * One benchmark's figures: printed as a table and a {@code RESULT <name> key=value ...} line, and
 * written to bench/results/<name>.json with the machine it ran on.
 */
public final class Result {
  private final String name;
  private final Map<String, Object> headline = new LinkedHashMap<>();
  private final Map<String, Object> details = new LinkedHashMap<>();

  /** bench/results, with its logs folder: results, charts and the child processes' logs go there. */
  public static Path dir() {
    Path r = Repo.root().resolve("bench/results");
    try {
      Files.createDirectories(r.resolve("logs"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return r;
  }

  public Result(String name) {
    this.name = name;
  }

  /** A figure of the RESULT line (and the JSON). */
  public Result put(String key, Object value) {
    headline.put(key, value);
    return this;
  }

  /** A figure of the JSON only. */
  public Result detail(String key, Object value) {
    details.put(key, value);
    return this;
  }

  public Object get(String key) {
    return headline.containsKey(key) ? headline.get(key) : details.get(key);
  }

  public String line() {
    StringBuilder b = new StringBuilder("RESULT ").append(name);
    headline.forEach((k, v) -> b.append(' ').append(k).append('=').append(format(v)));
    return b.toString();
  }

  public void print() {
    System.out.println();
    System.out.println("== " + name);
    headline.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-22s %s%n", k, format(v)));
    details.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-22s %s%n", k, format(v)));
    System.out.println(line());
  }

  public void write() {
    Map<String, Object> doc = document(name);
    doc.put("result", headline);
    doc.put("details", details);
    save(name, doc);
  }

  /** Several runs of one benchmark (e.g. scale, one per worker count) in one bench/results/<name>.json. */
  public static void writeRuns(String name, java.util.List<Result> runs) {
    Map<String, Object> doc = document(name);
    doc.put("runs", runs.stream().map(r -> Map.of("result", r.headline, "details", r.details)).toList());
    save(name, doc);
  }

  private static Map<String, Object> document(String name) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", name);
    doc.put("date", Instant.now().toString());
    doc.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
        "memory_gib", Math.round(totalMemoryGib() * 10) / 10.0,
        "java", System.getProperty("java.version")));
    return doc;
  }

  private static void save(String name, Map<String, Object> doc) {
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir().resolve(name + ".json").toFile(), doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String format(Object v) {
    if (v instanceof Double d) {
      return Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.3f", d);
    }
    return String.valueOf(v);
  }

  static double totalMemoryGib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return 0;
  }
}
