package smarthome.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Repo;
import smarthome.testkit.StackSettings;
import smarthome.testkit.WorkerProcess;

/** The child JVMs of a bench or faults run: from the repository root, each logging to bench/results/logs/NAME.log. */
public final class Launch {
  private Launch() {}

  /** {@code java ARGS} with the environment; the arguments set -Xmx. */
  public static JavaProcess java(String name, Map<String, String> env, List<String> args) {
    return JavaProcess.start(name, Result.dir().resolve("logs").resolve(name + ".log"), Repo.root(), env, args);
  }

  /** The real ingest worker on the stack, with the extra environment and its metrics on the port. */
  public static JavaProcess worker(String name, StackSettings stack, Map<String, String> extraEnv,
      List<String> jvmOptions, String sinks, int metricsPort) {
    return java(name, stack.childEnv(extraEnv), WorkerProcess.args(jvmOptions, sinks, metricsPort));
  }

  /**
   * The real API from its jar on the stack, with the extra environment (API_PORT, API_KEYS). Its
   * per-key rate limits are off unless the caller sets API_RATE_LIMITS: a benchmark measures the
   * API's speed, not its limiter.
   */
  public static JavaProcess api(String name, StackSettings stack, Map<String, String> extraEnv, List<String> jvmOptions) {
    List<String> args = new ArrayList<>(jvmOptions);
    args.addAll(List.of("-jar", Repo.jar("query-api", "query-api.jar").toString()));
    Map<String, String> env = new HashMap<>(Map.of("API_RATE_LIMITS", "off"));
    env.putAll(extraEnv);
    return java(name, stack.childEnv(env), args);
  }

  /** The worker's own JVM options ({@link WorkerProcess#JVM_OPTIONS}), after those of BENCH_WORKER_JVM_ARGS. */
  public static List<String> workerJvmOptions() {
    return jvmOptions("BENCH_WORKER_JVM_ARGS", WorkerProcess.JVM_OPTIONS.toArray(String[]::new));
  }

  /**
   * The JVM options, after those of the environment variable (e.g. BENCH_WORKER_JVM_ARGS, to
   * profile or to compare collectors): a collector named there replaces the default's, since the
   * JVM refuses two.
   */
  public static List<String> jvmOptions(String variable, String... options) {
    List<String> all = new ArrayList<>();
    String extra = System.getenv().getOrDefault(variable, "");
    if (!extra.isBlank()) {
      all.addAll(List.of(extra.trim().split("\\s+")));
    }
    boolean ownCollector = all.stream().anyMatch(Launch::choosesCollector);
    for (String o : options) {
      if (!(ownCollector && choosesCollector(o))) {
        all.add(o);
      }
    }
    return all;
  }

  private static boolean choosesCollector(String option) {
    return option.startsWith("-XX:+Use") && option.endsWith("GC");
  }
}
