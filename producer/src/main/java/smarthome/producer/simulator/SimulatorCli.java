package smarthome.producer.simulator;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import smarthome.common.config.ConfigError;

/** The device simulator: {@code backfill} a past window, or {@code simulate} live traffic. */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "smarthome simulator 0.1",
    description = "Publishes realistic smart-home traffic (device metadata, readings, logs, camera "
        + "images) to Kafka.",
    subcommands = {BackfillCommand.class, SimulateCommand.class,
        CommandLine.HelpCommand.class})
public final class SimulatorCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    quietLogging();
    System.exit(execute(args));
  }

  /** Runs the CLI; 0 ok, 1 runtime failure (e.g. Kafka unreachable), 2 bad arguments. */
  public static int execute(String... args) {
    CommandLine cl = new CommandLine(new SimulatorCli());
    cl.registerConverter(Duration.class, Parsing::duration);
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      cmd.getErr().println("error: " + ex.getMessage());
      return ex instanceof ConfigError ? 2 : 1;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command: backfill or simulate");
  }


  static void summary(PrintWriter out, String what, PublishingEvents.Counts c, double seconds,
      long errors) {
    out.println(String.format(Locale.ROOT,
        "%s: published %,d devices, %,d readings, %,d logs, %,d images (%,d events) in %.1f s, "
            + "%,.0f events/s, %d errors",
        what, c.devices(), c.readings(), c.logs(), c.images(), c.total(), seconds,
        c.total() / Math.max(seconds, 1e-3), errors));
    out.flush();
  }

  /** The CLI prints its own progress; client libraries only speak up for warnings. */
  static void quietLogging() {
    try {
      var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
      root.setLevel(ch.qos.logback.classic.Level.WARN);
      // the client's own connection warnings repeat every backoff; our error message says it once
      ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka"))
          .setLevel(ch.qos.logback.classic.Level.ERROR);
    } catch (ClassCastException | NoClassDefFoundError e) {
      // another slf4j binding: leave its configuration alone
    }
  }

}
