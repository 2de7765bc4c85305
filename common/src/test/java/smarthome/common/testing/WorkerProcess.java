package smarthome.common.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real ingest worker, started from its shaded jar as its own JVM with -Xmx256m, with the test
 * stack's settings. Its output goes to target/it-logs.
 */
public final class WorkerProcess implements AutoCloseable {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final Process process;
  public final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** The shaded jar: system property worker.jar, else ingest-worker/target in the repository. */
  public static String jar() {
    String jar = System.getProperty("worker.jar");
    if (jar == null) {
      jar = TestStack.repoRoot().resolve("ingest-worker/target/ingest-worker-all.jar").toString();
    }
    if (!new File(jar).isFile()) {
      throw new IllegalStateException("the worker jar is not built: run through mvn verify (" + jar + ")");
    }
    return jar;
  }

  public static WorkerProcess start(String sinks, Map<String, String> extraEnv) {
    String jar = jar();
    try {
      Path dir = Path.of("target", "it-logs");
      Files.createDirectories(dir);
      Path log = dir.resolve("worker-" + SEQ.incrementAndGet() + "-" + sinks.replace(',', '_') + ".log");
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xmx256m", "-jar", jar, "--sinks", sinks, "--metrics-port", "-1"));
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(TestStack.env());
      pb.environment().put("INGEST_GROUP_PREFIX", "it");
      pb.environment().put("INGEST_LINGER_MS", "50");
      pb.environment().put("INGEST_BACKOFF_MAX_MS", "2000");
      pb.environment().putAll(extraEnv);
      return new WorkerProcess(pb.start(), log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the worker", e);
    }
  }

  public static WorkerProcess start(String sinks) {
    return start(sinks, Map.of());
  }

  public boolean alive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no final commit. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the graceful stop; returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException("worker did not stop within 60 s after SIGTERM; see " + log);
    }
    return process.exitValue();
  }

  public String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
