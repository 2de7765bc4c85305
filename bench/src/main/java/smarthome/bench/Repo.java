package smarthome.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository, its jars and the results folder are. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isExecutable(p.resolve("bin/stack"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("run from inside the repository (bin/stack not found)");
    }
    return p;
  }

  public static Path jar(String module, String name) {
    Path j = root().resolve(module).resolve("target").resolve(name);
    if (!Files.isRegularFile(j)) {
      throw new IllegalStateException(j + " is missing: build with mvn package -DskipTests");
    }
    return j;
  }

  public static Path results() {
    Path r = root().resolve("bench/results");
    try {
      Files.createDirectories(r.resolve("logs"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return r;
  }
}
