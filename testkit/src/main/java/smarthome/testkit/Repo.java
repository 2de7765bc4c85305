package smarthome.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository and the jars it builds are, for tests and benchmarks run inside it. */
public final class Repo {
  private Repo() {}

  /** The repository root (where bin/stack lives), found from the working directory upwards. */
  public static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isExecutable(p.resolve("bin/stack"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("bin/stack not found above " + Path.of("").toAbsolutePath()
          + ": run from inside the repository");
    }
    return p;
  }

  /** A built jar, e.g. {@code jar("ingest-worker", "ingest-worker-all.jar")}; fails when missing. */
  public static Path jar(String module, String file) {
    return existing(root().resolve(module).resolve("target").resolve(file));
  }

  /** The jar at the path, or a failure that says how to build it. */
  public static Path existing(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build with mvn package -DskipTests"
          + " (the ITs: run through mvn verify)");
    }
    return jar;
  }
}
