package smarthome.producer.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import smarthome.common.config.KafkaSettings;
import smarthome.producer.publish.Publisher;

@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = "Publishes live traffic at a steady rate until the duration ends or Ctrl-C, then "
        + "flushes cleanly.")
final class SimulateCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  CommonOptions common = new CommonOptions();

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
             !common.quiet).explainingErrors(publisher::firstFailure)) {
      PublishingEvents events = new PublishingEvents(publisher, progress);
      LiveSimulation.run(fleet, new LiveSimulation.Options(perSecond, duration, logEvery, images),
          Clock.systemUTC(), stop::get, events);
      publisher.flush();
      SimulatorCli.summary(cl.getOut(), "simulate", events.counts(), progress.seconds(), publisher.failed());
    } finally {
      finished.countDown();
      if (!stop.get()) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
    }
    return 0;
  }
}
