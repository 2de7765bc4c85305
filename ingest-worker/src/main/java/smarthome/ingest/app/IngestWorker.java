package smarthome.ingest.app;

import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import smarthome.common.config.ConfigError;
import smarthome.common.config.Env;

/** The ingest worker process: {@code ingest-worker [--sinks readings,devices,logs,images]}. */
@Command(name = "ingest-worker", mixinStandardHelpOptions = true, version = "smarthome ingest-worker 0.1",
    description = "Consumes the pipeline's Kafka topics and writes them to InfluxDB, PostgreSQL and "
        + "S3. Each sink is its own consumer group: start more processes to share the partitions.",
    subcommands = smarthome.ingest.archive.ArchiveCommand.class)
public final class IngestWorker implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);

  @Option(names = "--sinks", paramLabel = "LIST",
      description = "sinks to run: readings,devices,logs,images (default: INGEST_SINKS or all)")
  String sinks;

  @Option(names = "--metrics-port", paramLabel = "PORT",
      description = "Prometheus endpoint port; -1 disables (default: METRICS_PORT or 9400)")
  Integer metricsPort;

  public static void main(String[] args) {
    CommandLine cl = new CommandLine(new IngestWorker());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof ConfigError) {
        cmd.getErr().println(ex.getMessage());
        return 2;
      }
      cmd.getErr().println("error: " + ex.getMessage());
      return 1;
    });
    int rc;
    try {
      rc = cl.execute(args);
    } catch (Throwable t) {
      // an Error (a missing native library, say) must still end the process, not leave it hanging
      log.error("stopping on an unexpected error", t);
      rc = 1;
    }
    ShutdownSequence.stopLogging(); // a buffered appender writes out its last lines
    System.exit(rc);
  }

  @Override
  public Integer call() throws Exception {
    IngestConfig cfg = IngestConfig.parse(Env.load(), sinks, metricsPort);
    Worker worker = new Worker(cfg);
    ShutdownSequence shutdown = ShutdownSequence.install(worker);
    int rc = 1; // what an exception ends the process with
    try {
      log.info("starting sinks {}", cfg.sinks);
      rc = run(worker);
      return rc;
    } finally {
      worker.close();
      shutdown.finished(rc);
    }
  }

  private static int run(Worker worker) throws InterruptedException {
    try {
      worker.start();
    } catch (StartupException e) {
      log.error("cannot start: {}", e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      return 0; // stopped while waiting for a store
    }
    Throwable failure = worker.awaitStop();
    if (failure != null) {
      log.error("stopped on a fatal error: {}", failure.getMessage());
      return 1;
    }
    log.info("stopped");
    return 0;
  }
}
