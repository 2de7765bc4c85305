package smarthome.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The real ingest worker, started from its shaded jar as its own JVM. */
public final class WorkerProcess {
  /**
   * The worker's JVM options wherever it runs (bin/demo and docker-compose.yml repeat them):
   * a 256 MB heap and SerialGC, which never puts two GC threads on two shared cores (where
   * ParallelGC's pauses were longest; BENCHMARKS.md, "Allocation and GC of the readings path").
   */
  public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC");
  private static final AtomicInteger SEQ = new AtomicInteger();

  private WorkerProcess() {}

  /** The shaded jar: system property worker.jar (set by the worker's failsafe), else ingest-worker/target. */
  public static Path jar() {
    String jar = System.getProperty("worker.jar");
    return jar == null ? Repo.jar("ingest-worker", "ingest-worker-all.jar") : Repo.existing(Path.of(jar));
  }

  /** The java arguments: the JVM options (with -Xmx), then the jar with its sinks and metrics port (-1: none). */
  public static List<String> args(List<String> jvmOptions, String sinks, int metricsPort) {
    List<String> args = new ArrayList<>(jvmOptions);
    args.addAll(List.of("-jar", jar().toString(), "--sinks", sinks, "--metrics-port", Integer.toString(metricsPort)));
    return args;
  }

  /**
   * A worker on the test stack with its JVM options, consumer groups {@code it-<sink>}, short linger and
   * backoff, and no metrics port; the extra environment wins. Its output goes to target/it-logs.
   */
  public static JavaProcess start(String sinks, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(TestStack.env());
    env.put("INGEST_GROUP_PREFIX", "it");
    env.put("INGEST_LINGER_MS", "50");
    env.put("INGEST_BACKOFF_MAX_MS", "2000");
    env.putAll(extraEnv);
    String name = "worker-" + SEQ.incrementAndGet() + "-" + sinks.replace(',', '_');
    return JavaProcess.start(name, Path.of("target", "it-logs", name + ".log"), Path.of(""), env,
        args(JVM_OPTIONS, sinks, -1));
  }

  public static JavaProcess start(String sinks) {
    return start(sinks, Map.of());
  }
}
