package smarthome.bench.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import smarthome.bench.Result;
import smarthome.common.config.Env;
import smarthome.testkit.StackSettings;
import smarthome.testkit.Stores;

/** {@code bin/faults [--quick]}: break things on purpose and count what survives. */
@Command(name = "faults", mixinStandardHelpOptions = true,
    description = "Runs the fault and abuse scenarios against the faults stack with the real worker "
        + "and API processes; prints a table and RESULT faults passed=N failed=M.")
public final class FaultsMain implements Callable<Integer> {
  @Option(names = "--quick", description = "smaller volumes and 10 s outages (CI)")
  boolean quick;

  @Option(names = "--only", description = "run only scenarios whose name contains this")
  String only;

  @Option(names = "--cluster", description = "the scenarios of a three-node Kafka (the stack must "
      + "run SMARTHOME_KAFKA_NODES=3); with --quick only the leader kill")
  boolean cluster;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FaultsMain()).execute(args));
  }

  interface Scenario {
    Outcome run() throws Exception;
  }

  @Override
  public Integer call() throws Exception {
    StackSettings stack = StackSettings.from(Env.load());
    List<Outcome> outcomes = new ArrayList<>();
    List<String> abuseFailures = new ArrayList<>();
    long t0 = System.nanoTime();
    try (Stores stores = new Stores(stack)) {
      Harness h = new Harness(stack, stores);
      Scenarios s = new Scenarios(h, quick);
      if (cluster) {
        try (Brokers brokers = new Brokers(h)) {
          ClusterScenarios c = new ClusterScenarios(h, s, brokers, quick);
          Map<String, Scenario> plan = new LinkedHashMap<>();
          plan.put("leader", c::leaderKill);
          if (!quick) {
            plan.put("rolling", c::rollingRestart);
            plan.put("two-down", c::twoDown);
            plan.put("state", c::streamsAcrossKill);
          }
          runAll(plan, outcomes);
        }
        return report(outcomes, abuseFailures, t0);
      }
      Map<String, Scenario> plan = new LinkedHashMap<>();
      plan.put("kill", s::killWorker);
      plan.put("influxdb", () -> s.outage("influxdb", "readings"));
      plan.put("postgres", () -> s.outage("postgres", "logs"));
      plan.put("s3", () -> s.outage("s3", "images"));
      plan.put("kafka", s::kafkaRestart);
      plan.put("rebalance", s::rebalance);
      plan.put("poison", () -> new Poison(h, s).run());
      try (ApiProcess api = new ApiProcess(h)) {
        plan.put("delete", () -> new DeleteBacklog(h, s, api).run());
        plan.put("abuse", () -> {
          ApiAbuse abuse = new ApiAbuse(h, api);
          Outcome o = abuse.run("abuse-target-1");
          abuseFailures.addAll(abuse.failures);
          return o;
        });
        plan.put("load", () -> new ApiLoad(h, s, quick).run());
        runAll(plan, outcomes);
      }
    }
    return report(outcomes, abuseFailures, t0);
  }

  private void runAll(Map<String, Scenario> plan, List<Outcome> outcomes) {
    for (Map.Entry<String, Scenario> e : plan.entrySet()) {
      if (only != null && !e.getKey().contains(only)) {
        continue;
      }
      System.out.println("faults: " + e.getKey() + " ...");
      Outcome o;
      try {
        o = e.getValue().run();
      } catch (Exception ex) {
        o = new Outcome(e.getKey(), 0, 0, 0, 0, -1, false, "error: " + ex);
        ex.printStackTrace(System.out);
      }
      outcomes.add(o);
      System.out.println(row(o));
    }
  }

  private int report(List<Outcome> outcomes, List<String> abuseFailures, long t0) throws Exception {
    long passed = outcomes.stream().filter(Outcome::passed).count();
    long failed = outcomes.size() - passed;
    String table = table(outcomes);
    System.out.println();
    System.out.print(table);
    if (!abuseFailures.isEmpty()) {
      System.out.println("abuse requests not answered as expected:");
      abuseFailures.forEach(f -> System.out.println("  " + f));
    }
    double minutes = (System.nanoTime() - t0) / 6e10;
    write(outcomes, abuseFailures, minutes, table);
    System.out.printf(Locale.ROOT, "RESULT %s passed=%d failed=%d%n", name(), passed, failed);
    return failed == 0 ? 0 : 1;
  }

  static String row(Outcome o) {
    return String.format(Locale.ROOT, "| %-32s | %9d | %9d | %9d | %5d | %5d | %7s | %-4s | %s |",
        o.scenario(), o.sent(), o.acknowledged(), o.stored(), o.lost(), o.duplicated(),
        o.recoverSeconds() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", o.recoverSeconds()),
        o.passed() ? "pass" : "FAIL", o.note());
  }

  static String table(List<Outcome> outcomes) {
    StringBuilder b = new StringBuilder();
    b.append("| scenario                         |      sent |    acked. |    stored |  lost |  dup. | recover | verdict | notes |\n");
    b.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
    outcomes.forEach(o -> b.append(row(o).replace("| pass |", "| pass    |").replace("| FAIL |", "| FAIL    |"))
        .append('\n'));
    return b.toString();
  }

  void write(List<Outcome> outcomes, List<String> abuseFailures, double minutes, String table) throws Exception {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("date", Instant.now().toString());
    doc.put("mode", quick ? "quick" : "full");
    doc.put("minutes", Math.round(minutes * 10) / 10.0);
    doc.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors()));
    doc.put("scenarios", outcomes);
    doc.put("abuse_failures", abuseFailures);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(Result.dir().resolve(name() + ".json").toFile(), doc);
    Files.writeString(Result.dir().resolve(name() + "-table.md"), table);
  }

  /** faults, or faults-cluster for the three-node scenarios (their own files and RESULT line). */
  private String name() {
    return cluster ? "faults-cluster" : "faults";
  }
}
