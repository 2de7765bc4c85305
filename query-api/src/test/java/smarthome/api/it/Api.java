package smarthome.api.it;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import smarthome.api.ApiConfig;
import smarthome.api.Application;
import smarthome.ingest.app.IngestConfig;
import smarthome.testkit.ApiClient;
import smarthome.testkit.TestStack;

/**
 * The API on a free port, configured like production from the test stack's settings, with the
 * real ingest worker running beside it (in this JVM), called as a client would.
 */
final class Api extends ApiClient implements AutoCloseable {
  static final String ADMIN = "it-admin-key-0001";
  static final String WRITE = "it-write-key-0001";
  static final String READ = "it-read-key-00001";
  static final String METRICS = "it-metrics-key-001";

  private final ApplicationContext ctx;
  private final InProcessWorker worker;

  private Api(ApplicationContext ctx, InProcessWorker worker, URI base) {
    super(base);
    this.ctx = ctx;
    this.worker = worker;
  }

  static Api start() throws Exception {
    return start(Map.of());
  }

  /** With settings of the test's own on top, e.g. a small limit it wants to reach. */
  static Api start(Map<String, String> settings) throws Exception {
    Map<String, String> env = new HashMap<>(TestStack.env());
    env.put("API_KEYS", "admin:" + ADMIN + ",write:" + WRITE + ",read:" + READ + ",metrics:" + METRICS);
    env.put("API_RATE_LIMITS", "off"); // the ITs call as fast as they can; LimitsIT sets its own
    env.put("API_PORT", "0");
    env.put("API_MAX_RAW_POINTS", "200"); // small, so the cap is reachable with little data
    env.putAll(settings);
    ApiConfig config = ApiConfig.parse(env);
    Map<String, Object> props = new HashMap<>(Application.properties(config));
    props.put("micronaut.server.port", -1);
    ApplicationContext ctx = ApplicationContext.builder().properties(props).singletons(config).start();
    EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();

    Map<String, String> wenv = new HashMap<>(TestStack.env());
    wenv.put("INGEST_GROUP_PREFIX", "it-api");
    wenv.put("INGEST_LINGER_MS", "50");
    wenv.put("INGEST_BACKOFF_MAX_MS", "1000");
    InProcessWorker worker = InProcessWorker.start(IngestConfig.parse(wenv, "readings,devices,logs,images", -1),
        "it-worker");
    return new Api(ctx, worker, URI.create("http://127.0.0.1:" + server.getPort()));
  }

  /** A bean of the running API, e.g. its Router. */
  <T> T bean(Class<T> type) {
    return ctx.getBean(type);
  }

  @Override
  public void close() throws InterruptedException {
    worker.close();
    ctx.close();
  }
}
