package smarthome.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM (the worker, the API, the simulator, a load tool) with its output in a log file,
 * stopped by its own PID: SIGTERM for the graceful stop, SIGKILL for a crash.
 */
public final class JavaProcess implements AutoCloseable {
  private static final long STOP_SECONDS = 60;
  private final Process process;
  public final String name;
  public final Path log;

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java ARGS} from this JVM's Java home in the working directory, with exactly the
   * given environment added to ours; the log file is created or emptied. The arguments must set
   * -Xmx: a JVM without it may take a quarter of the machine, which the others share.
   */
  public static JavaProcess start(String name, Path log, Path workDir, Map<String, String> env, List<String> args) {
    if (args.stream().noneMatch(a -> a.startsWith("-Xmx"))) {
      throw new IllegalArgumentException(name + ": give the child JVM an explicit -Xmx: " + args);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toAbsolutePath().toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      pb.environment().putAll(env);
      return new JavaProcess(name, pb.start(), log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + name, e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** Waits for the process to end on its own; returns its exit code, or kills it and fails. */
  public int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " did not finish within " + seconds + " s; see " + log);
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no final commit. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, the graceful stop; returns the exit code. One that does not stop in 60 s is killed and fails. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      throw new IllegalStateException(name + " did not stop within " + STOP_SECONDS + " s after SIGTERM; see " + log);
    }
    return process.exitValue();
  }

  /** What it printed so far, or "" when the log cannot be read. */
  public String output() {
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
