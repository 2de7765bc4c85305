package smarthome.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/stack} on one instance: its client settings, and stopping or starting a server. */
public final class StackCommand {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private StackCommand() {}

  /**
   * Runs {@code bin/stack ARGS} with the environment (which names the instance), e.g.
   * {@code run(env, null, "stop", "influxdb")}; its output goes to the log file, or to ours when
   * null. Fails when it exits non-zero or takes longer than three minutes.
   */
  public static void run(Map<String, String> env, Path log, String... args) {
    ProcessBuilder pb = builder(env, args).redirectErrorStream(true);
    pb.redirectOutput(log == null ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.appendTo(log.toFile()));
    int rc = exitCode(start(pb), null);
    if (rc != 0) {
      throw new IllegalStateException("bin/stack " + String.join(" ", args) + " exited " + rc
          + (log == null ? "" : "; see " + log));
    }
  }

  /** The instance's client settings, from the {@code export} lines of {@code bin/stack env}. */
  public static Map<String, String> env(Map<String, String> env) {
    ProcessBuilder pb = builder(env, "env").redirectError(ProcessBuilder.Redirect.INHERIT);
    StringBuilder out = new StringBuilder();
    int rc = exitCode(start(pb), out);
    if (rc != 0) {
      throw new IllegalStateException("bin/stack env exited " + rc);
    }
    Map<String, String> m = new HashMap<>();
    for (String line : out.toString().split("\n")) {
      if (line.startsWith("export ")) {
        String kv = line.substring(7);
        int eq = kv.indexOf('=');
        m.put(kv.substring(0, eq), kv.substring(eq + 1).replace("'", ""));
      }
    }
    return m;
  }

  private static ProcessBuilder builder(Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Repo.root().resolve("bin/stack").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    return pb;
  }

  private static Process start(ProcessBuilder pb) {
    try {
      return pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + pb.command(), e);
    }
  }

  private static int exitCode(Process p, StringBuilder stdout) {
    try {
      if (stdout != null) {
        stdout.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      }
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("bin/stack did not finish within " + TIMEOUT);
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bin/stack's output", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
