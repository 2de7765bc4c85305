package smarthome.producer.simulator;

import smarthome.common.devices.Device;
import smarthome.common.images.ImageMeta;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;

/** Where generated events go: Kafka through the publisher, or a list in a test. */
public interface Events {
  void device(Device d);

  void reading(Reading r);

  void log(LogEvent e);

  void image(ImageMeta meta, byte[] bytes);

  /** Called after the device metadata, so it reaches Kafka before anything that refers to it. */
  default void devicesDone() {}
}
