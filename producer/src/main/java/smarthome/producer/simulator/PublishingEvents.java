package smarthome.producer.simulator;

import smarthome.common.devices.Device;
import smarthome.common.images.ImageMeta;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;

/** Sends generated events through a {@link Publisher} and counts them by kind. */
public final class PublishingEvents implements Events {
  private final Publisher publisher;
  private final Progress progress;
  private long devices;
  private long readings;
  private long logs;
  private long images;

  public PublishingEvents(Publisher publisher, Progress progress) {
    this.publisher = publisher;
    this.progress = progress;
  }

  @Override
  public void device(Device d) {
    publisher.device(d);
    devices++;
    progress.tick();
  }

  @Override
  public void devicesDone() {
    publisher.flush();
  }

  @Override
  public void reading(Reading r) {
    publisher.reading(r);
    readings++;
    progress.tick();
  }

  @Override
  public void log(LogEvent e) {
    publisher.log(e);
    logs++;
    progress.tick();
  }

  @Override
  public void image(ImageMeta meta, byte[] bytes) {
    publisher.image(meta, bytes);
    images++;
    progress.tick();
  }

  public Counts counts() {
    return new Counts(devices, readings, logs, images);
  }

  /** What a run published, by kind. */
  public record Counts(long devices, long readings, long logs, long images) {
    public long total() {
      return devices + readings + logs + images;
    }
  }
}
