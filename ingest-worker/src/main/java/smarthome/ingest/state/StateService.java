package smarthome.ingest.state;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import smarthome.ingest.pipeline.Component;

/** Runs the device-state topology until stopped; an unrecoverable stream error stops the worker. */
final class StateService implements Component {
  private static final Logger log = LoggerFactory.getLogger(StateService.class);

  private final KafkaStreams streams;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Throwable failure;

  StateService(DeviceStateProcessor.StateOptions options, Properties config) {
    this.streams = new KafkaStreams(DeviceStateTopology.build(options), config);
    streams.setUncaughtExceptionHandler(e -> {
      failure = e;
      log.error("state processor failed: {}", e.toString());
      stopped.countDown();
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
  }

  @Override
  public String name() {
    return "state";
  }

  @Override
  public void run() {
    streams.start();
    log.info("state: processing readings into smarthome.device-state");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    streams.close(Duration.ofSeconds(30));
    log.info("state: stopped");
  }

  @Override
  public void stop() {
    stopped.countDown();
  }

  @Override
  public Throwable failure() {
    return failure;
  }

  public KafkaStreams.State streamsState() {
    return streams.state();
  }
}
