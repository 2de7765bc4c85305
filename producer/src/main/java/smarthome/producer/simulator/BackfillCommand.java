package smarthome.producer.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import smarthome.common.config.KafkaSettings;
import smarthome.common.json.Timestamps;
import smarthome.producer.publish.Publisher;

@Command(name = "backfill", mixinStandardHelpOptions = true,
    description = "Publishes the seed service's generate-and-store data set for a past window: "
        + "metadata of every device, one reading per interval, about ten logs per device, a few "
        + "images per camera.")
final class BackfillCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common = new CommonOptions();

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
             !common.quiet).explainingErrors(publisher::firstFailure)) {
      PublishingEvents events = new PublishingEvents(publisher, progress);
      Backfill.run(fleet, plan, events);
      publisher.flush();
      SimulatorCli.summary(cl.getOut(), "backfill", events.counts(), progress.seconds(), publisher.failed());
    }
    return 0;
  }
}
