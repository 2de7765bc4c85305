package smarthome.producer.simulator;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.config.ConfigDef;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import smarthome.common.config.ConfigError;
import smarthome.common.config.Env;
import smarthome.common.config.KafkaSettings;
import smarthome.common.config.Settings;
import smarthome.common.devices.DeviceType;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;

/** The device simulator: {@code backfill} a past window, or {@code simulate} live traffic. */
@Command(name = "simulator", mixinStandardHelpOptions = true, version = "smarthome simulator 0.1",
    description = "Publishes realistic smart-home traffic (device metadata, readings, logs, camera "
        + "images) to Kafka.",
    subcommands = {SimulatorCli.BackfillCommand.class, SimulatorCli.SimulateCommand.class,
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

  /** Options both commands share. */
  static final class Common {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
        description = "Kafka brokers (default: KAFKA_BOOTSTRAP_SERVERS from the environment or .env)")
    String bootstrapServers;

    @Option(names = "--seed", description = "seed for reproducible output (default: ${DEFAULT-VALUE})",
        defaultValue = "42")
    long seed;

    @Option(names = "--types", paramLabel = "MIX", defaultValue = "thermostat,camera,motion_sensor,door_lock,smart_plug",
        description = "device types to cycle through, optionally weighted: thermostat=2,camera=1 "
            + "(default: ${DEFAULT-VALUE})")
    String types;

    @Option(names = "--locations", paramLabel = "ROOMS", split = ",",
        description = "rooms to place devices in (default: the built-in set of 12 rooms)")
    List<String> locations;

    @Option(names = "--id-prefix", defaultValue = "device_",
        description = "device ids are <prefix><n> (default: ${DEFAULT-VALUE})")
    String idPrefix;

    @Option(names = "--connect-timeout", defaultValue = "10s", paramLabel = "DURATION",
        description = "give up when Kafka does not answer within this time (default: ${DEFAULT-VALUE})")
    Duration connectTimeout;

    @Option(names = {"-q", "--quiet"}, description = "no progress line")
    boolean quiet;

    KafkaSettings kafka() {
      var env = new java.util.HashMap<>(Env.load());
      if (bootstrapServers != null) {
        env.put(Settings.KAFKA_BOOTSTRAP_SERVERS, bootstrapServers);
      }
      return KafkaSettings.from(Settings.parse(Settings.kafka(new ConfigDef()), env));
    }

    Fleet fleet(CommandLine cl, int devices, Instant now) {
      List<DeviceType> mix;
      try {
        mix = Parsing.mix(types);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, "--types: " + e.getMessage());
      }
      List<String> rooms = locations == null ? Fleet.defaultLocations() : locations;
      try {
        return Fleet.create(devices, idPrefix, mix, rooms, seed, now);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
    }

    Publisher publisher(KafkaSettings kafka, String clientId) {
      Publisher.checkReachable(kafka, connectTimeout);
      return Publisher.create(kafka, PublisherOptions.defaults(clientId).withMaxBlock(connectTimeout));
    }
  }

  @Command(name = "backfill", mixinStandardHelpOptions = true,
      description = "Publishes the seed service's generate-and-store data set for a past window: "
          + "metadata of every device, one reading per interval, about ten logs per device, a few "
          + "images per camera.")
  static final class BackfillCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Common common = new Common();

    @Option(names = "--devices", defaultValue = "5", description = "number of devices (default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--hours", defaultValue = "24", description = "length of the window (default: ${DEFAULT-VALUE})")
    int hours;

    @Option(names = "--interval", defaultValue = "5m", paramLabel = "DURATION",
        description = "time between two readings of a device (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Option(names = "--logs-per-device", defaultValue = "10", description = "(default: ${DEFAULT-VALUE})")
    int logs;

    @Option(names = "--images-per-camera", defaultValue = "3", description = "(default: ${DEFAULT-VALUE})")
    int images;

    @Option(names = "--end", paramLabel = "TIME",
        description = "end of the window, ISO-8601 (default: now); with --seed it makes runs identical")
    String end;

    @Override
    public Integer call() {
      CommandLine cl = spec.commandLine();
      if (devices < 1 || devices > 100_000) {
        throw new CommandLine.ParameterException(cl, "--devices must be 1-100000");
      }
      if (hours < 1 || hours > 24 * 366) {
        throw new CommandLine.ParameterException(cl, "--hours must be 1-8784");
      }
      if (logs < 0 || images < 0) {
        throw new CommandLine.ParameterException(cl, "counts must not be negative");
      }
      Instant endAt;
      try {
        endAt = end == null ? Instant.now().truncatedTo(ChronoUnit.SECONDS) : Timestamps.parse(end);
      } catch (RuntimeException e) {
        throw new CommandLine.ParameterException(cl, "--end '" + end + "' is not an ISO-8601 time with offset");
      }
      Backfill.Plan plan;
      try {
        plan = new Backfill.Plan(Duration.ofHours(hours), interval, logs, images, endAt);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
      Fleet fleet = common.fleet(cl, devices, endAt);
      long expected = devices + devices * plan.steps() + (long) devices * Math.min(logs, plan.steps());
      KafkaSettings kafka = common.kafka();
      try (Publisher publisher = common.publisher(kafka, "simulator-backfill");
           Progress progress = new Progress(System.err, "backfill", expected, publisher::failed,
               !common.quiet)) {
        PublishingEvents events = new PublishingEvents(publisher, progress);
        Backfill.run(fleet, plan, events);
        publisher.flush();
        summary(cl.getOut(), "backfill", events.counts(), progress.seconds(), publisher.failed());
      }
      return 0;
    }
  }

  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = "Publishes live traffic at a steady rate until the duration ends or Ctrl-C, then "
          + "flushes cleanly.")
  static final class SimulateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    Common common = new Common();

    @Option(names = "--devices", defaultValue = "200", description = "(default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--rate", defaultValue = "2000/s", paramLabel = "RATE",
        description = "readings per second: 2000/s, 120/m, or max (default: ${DEFAULT-VALUE})")
    String rate;

    @Option(names = "--duration", defaultValue = "10m", paramLabel = "DURATION",
        description = "how long to run (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--log-every", defaultValue = "100",
        description = "one log line per this many readings; 0 = none (default: ${DEFAULT-VALUE})")
    int logEvery;

    @Option(names = "--image-every", defaultValue = "5m", paramLabel = "DURATION",
        description = "a snapshot per camera this often; 'off' for none (default: ${DEFAULT-VALUE})")
    String imageEvery;

    @Override
    public Integer call() throws Exception {
      CommandLine cl = spec.commandLine();
      if (devices < 1 || devices > 1_000_000) {
        throw new CommandLine.ParameterException(cl, "--devices must be 1-1000000");
      }
      if (logEvery < 0) {
        throw new CommandLine.ParameterException(cl, "--log-every must not be negative");
      }
      double perSecond;
      Duration images;
      try {
        perSecond = Parsing.rate(rate);
        images = imageEvery.equalsIgnoreCase("off") ? Duration.ZERO : Parsing.duration(imageEvery);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(cl, e.getMessage());
      }
      Fleet fleet = common.fleet(cl, devices, Instant.now());
      KafkaSettings kafka = common.kafka();
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch finished = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        stop.set(true);
        try {
          finished.await(); // let the main thread flush before the JVM goes
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "simulator-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try (Publisher publisher = common.publisher(kafka, "simulator-live");
           Progress progress = new Progress(System.err, "simulate", 0, publisher::failed,
               !common.quiet)) {
        PublishingEvents events = new PublishingEvents(publisher, progress);
        LiveSimulation.run(fleet, new LiveSimulation.Options(perSecond, duration, logEvery, images),
            Clock.systemUTC(), stop::get, events);
        publisher.flush();
        summary(cl.getOut(), "simulate", events.counts(), progress.seconds(), publisher.failed());
      } finally {
        finished.countDown();
        if (!stop.get()) {
          Runtime.getRuntime().removeShutdownHook(hook);
        }
      }
      return 0;
    }
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
