package smarthome.bench.faults;

import java.net.URI;
import java.util.List;
import java.util.Map;
import smarthome.bench.Launch;
import smarthome.testkit.ApiClient;
import smarthome.testkit.JavaProcess;

/** The real API, from its jar, with one key of each role; called through the client it extends. */
final class ApiProcess extends ApiClient implements AutoCloseable {
  static final String ADMIN = "faults-admin-key-01";
  static final String WRITE = "faults-write-key-01";
  static final String READ = "faults-read-key-001";
  static final String METRICS = "faults-metrics-key-1";
  static final String SCOPED = "faults-scoped-key-01";
  static final String SCOPED_DEVICE = "faults-cam-1";

  final JavaProcess proc;

  /** The suite's API: generous rates, so only the metrics key (2 a minute) is ever limited in the abuse corpus. */
  ApiProcess(Harness h) throws InterruptedException {
    this(h, "faults-api", 1, "read=1000/s,write=1000/s,admin=1000/s,metrics=2/m");
  }

  /** An API of its own, named NAME, on the port base + OFFSET, with these rate limits. */
  ApiProcess(Harness h, String name, int portOffset, String rateLimits) throws InterruptedException {
    super(URI.create("http://127.0.0.1:" + (h.stack.portBase() + portOffset)));
    proc = Launch.api(name, h.stack, Map.of("API_PORT", Integer.toString(base.getPort()),
        "API_KEYS", "admin:" + ADMIN + ",write:" + WRITE + ",read:" + READ + ",metrics:" + METRICS
            + ",cam=write@" + SCOPED_DEVICE + ":" + SCOPED,
        "API_RATE_LIMITS", rateLimits), List.of("-Xmx256m"));
    try {
      awaitHealthy(proc);
    } catch (RuntimeException | InterruptedException e) {
      proc.kill9(); // the suite cannot go on; leave no API behind on the port
      throw e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    proc.close();
  }
}
