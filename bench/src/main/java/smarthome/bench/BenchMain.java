package smarthome.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;
import smarthome.common.config.Env;
import smarthome.testkit.StackSettings;
import smarthome.testkit.Stores;

/**
 * {@code bin/bench ingest|producer|logs|query|latency|all}: figures as ratios to raw ceilings;
 * {@code bin/bench scale} (not in all: 7-14 min) one to three workers on one backlog;
 * {@code bin/bench dashboard} (not in all: it needs Chromium): the dashboard's time to usable.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Runs the benchmarks on the bench stack and writes bench/results/<name>.json and .png.")
public final class BenchMain implements Callable<Integer> {
  @Parameters(paramLabel = "WHICH", description = "ingest, producer, logs, query, latency, all (those five), scale or dashboard")
  String which;

  @Option(names = "--readings", defaultValue = "2000000", description = "ingest/scale: readings (default ${DEFAULT-VALUE})")
  int readings;

  @Option(names = "--devices", defaultValue = "1000", description = "ingest/producer/scale/dashboard: devices (default ${DEFAULT-VALUE})")
  int devices;

  @Option(names = "--logs", defaultValue = "500000", description = "logs: log events (default ${DEFAULT-VALUE})")
  int logs;

  @Option(names = "--seconds", defaultValue = "20", description = "producer/query/latency: measuring time (default ${DEFAULT-VALUE})")
  int seconds;

  @Option(names = "--workers", defaultValue = "3", description = "scale: runs with 1 to this many worker processes (default ${DEFAULT-VALUE})")
  int workers;
  @Option(names = "--runs", defaultValue = "6", description = "dashboard: page openings each (default ${DEFAULT-VALUE})")
  int runs;

  @Option(names = "--threads", defaultValue = "4", description = "query: client threads (default ${DEFAULT-VALUE})")
  int threads;

  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    StackSettings stack = StackSettings.from(Env.load());
    List<Result> results = new ArrayList<>();
    List<String> all = List.of("ingest", "producer", "logs", "query", "latency");
    List<String> run = which.equals("all") ? all : List.of(which);
    if (!all.containsAll(run) && !List.of("scale", "dashboard").contains(which)) {
      throw new CommandLine.ParameterException(new CommandLine(this), "unknown benchmark " + which);
    }
    try (Stores stores = new Stores(stack)) {
      for (String b : run) {
        List<Result> rs = switch (b) {
          case "ingest" -> List.of(IngestBench.run(stack, stores, readings, devices));
          case "producer" -> List.of(ProducerBench.run(stack, seconds, devices));
          case "logs" -> List.of(LogsBench.run(stack, stores, logs));
          case "query" -> List.of(QueryBench.run(stack, stores, threads, seconds));
          case "scale" -> ScaleBench.run(stack, stores, readings, devices, workers);
          case "dashboard" -> List.of(DashboardBench.run(stack, stores, devices, runs));
          default -> LatencyBench.run(stack, capacity(stack, stores), seconds);
        };
        if (b.equals("scale")) {
          Result.writeRuns("scale", rs); // one figure set per worker count, printed as each run ended
        } else {
          for (Result r : rs) {
            r.print();
            r.write();
          }
        }
        results.addAll(rs);
      }
    }
    if (results.size() > 1) {
      System.out.println();
      results.forEach(r -> System.out.println(r.line()));
    }
    return 0;
  }

  /** The measured ingest capacity (bench/results/ingest.json), or a short measurement now. */
  double capacity(StackSettings stack, Stores stores) throws Exception {
    Path f = Result.dir().resolve("ingest.json");
    if (Files.isRegularFile(f)) {
      return new ObjectMapper().readTree(f.toFile()).path("result").path("pipeline_rps").asDouble();
    }
    System.out.println("latency: no ingest result yet; measuring capacity with 300,000 readings");
    Result r = IngestBench.run(stack, stores, 300_000, 300);
    r.write();
    return (Double) r.get("pipeline_rps");
  }
}
