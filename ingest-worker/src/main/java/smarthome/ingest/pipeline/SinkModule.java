package smarthome.ingest.pipeline;

import java.util.Objects;
import smarthome.common.kafka.TopicSpec;

/**
 * Everything a feature package hands the worker to run one sink: the topic it reads, how records
 * become events, the store they go to, and what kind of intake the consumers are tuned for.
 *
 * @param name the sink's name in metrics and logs (sink="readings")
 */
public record SinkModule<T>(String name, TopicSpec<?> topic, Decoder<T> decoder, Sink<T> sink,
    Intake intake) {

  /** How a sink's events arrive; the worker tunes batches, fetches and consumers to it. */
  public enum Intake {
    /** Many small events (readings, logs): big batches, and several consumers per process. */
    BUSY,
    /** Small events at a modest rate (devices, states): big batches, one consumer. */
    STEADY,
    /** Large events (images up to 10 MiB): small batches, fetches sized for the largest record. */
    LARGE
  }

  public SinkModule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(decoder, "decoder");
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(intake, "intake");
  }
}
