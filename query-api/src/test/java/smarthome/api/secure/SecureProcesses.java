package smarthome.api.secure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import smarthome.common.config.PemTrust;
import smarthome.testkit.ApiClient;
import smarthome.testkit.JavaProcess;
import smarthome.testkit.Repo;
import smarthome.testkit.SecureStack;
import smarthome.testkit.WorkerProcess;

/**
 * The real processes on the secure stack, each with a role's settings as {@code bin/stack env
 * --secure --role ROLE} prints them, plus overrides (an empty value blanks a variable, so nothing
 * of the plain test stack's environment shows through). Output goes to target/it-logs.
 */
final class SecureProcesses {
  static final String ADMIN_KEY = "it-secure-admin-key-1";

  private SecureProcesses() {}

  static Map<String, String> env(String role, String... overrides) {
    Map<String, String> e = new HashMap<>(SecureStack.env(role));
    for (int i = 0; i < overrides.length; i += 2) {
      e.put(overrides[i], overrides[i + 1]);
    }
    return e;
  }

  /** The ingest worker (readings, devices, logs, images) with consumer groups smarthome-it-*. */
  static JavaProcess worker(String name, Map<String, String> env) {
    Map<String, String> e = new HashMap<>(env);
    // the worker user may use the groups smarthome-* only
    e.putIfAbsent("INGEST_GROUP_PREFIX", "smarthome-it-secure");
    e.putIfAbsent("INGEST_LINGER_MS", "50");
    e.putIfAbsent("INGEST_BACKOFF_MAX_MS", "2000");
    return JavaProcess.start(name, log(name), Path.of(""), e,
        WorkerProcess.args(List.of("-Xmx256m"), "readings,devices,logs,images", -1));
  }

  /** The query API from its jar, on {@code port}, with an admin key. */
  static JavaProcess api(String name, Map<String, String> env, int port) {
    Map<String, String> e = new HashMap<>(env);
    e.put("API_KEYS", "admin:" + ADMIN_KEY);
    e.put("API_PORT", Integer.toString(port));
    String jar = System.getProperty("api.jar");
    Path apiJar = jar == null ? Repo.jar("query-api", "query-api.jar") : Repo.existing(Path.of(jar));
    return JavaProcess.start(name, log(name), Path.of(""), e,
        List.of("-Xmx384m", "-jar", apiJar.toString()));
  }

  /** The simulator (producer-all.jar) with the given arguments. */
  static JavaProcess simulator(String name, Map<String, String> env, List<String> args) {
    List<String> a = new java.util.ArrayList<>(List.of("-Xmx192m", "-jar",
        Repo.jar("producer", "producer-all.jar").toString()));
    a.addAll(args);
    return JavaProcess.start(name, log(name), Path.of(""), env, a);
  }

  /** An https client of the API on {@code port} trusting only the stack's CA (curl --cacert). */
  static ApiClient https(int port) {
    String ca = SecureStack.env("api").get("SMARTHOME_CA_FILE");
    return new ApiClient(URI.create("https://127.0.0.1:" + port),
        PemTrust.sslContext(PemTrust.trustManager("SMARTHOME_CA_FILE", Path.of(ca))));
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path log(String name) {
    return Path.of("target", "it-logs", name + ".log");
  }
}
