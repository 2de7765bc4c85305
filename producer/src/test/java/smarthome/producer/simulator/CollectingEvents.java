package smarthome.producer.simulator;

import java.util.ArrayList;
import java.util.List;
import smarthome.common.devices.Device;
import smarthome.common.images.ImageMeta;
import smarthome.common.logs.LogEvent;
import smarthome.common.readings.Reading;

/** Keeps every generated event in memory, in order. */
final class CollectingEvents implements Events {
  final List<Device> devices = new ArrayList<>();
  final List<Reading> readings = new ArrayList<>();
  final List<LogEvent> logs = new ArrayList<>();
  final List<ImageMeta> images = new ArrayList<>();
  final List<byte[]> imageBytes = new ArrayList<>();
  final List<Object> all = new ArrayList<>();
  boolean devicesDoneBeforeFirstReading;

  @Override
  public void device(Device d) {
    devices.add(d);
    all.add(d);
  }

  @Override
  public void devicesDone() {
    devicesDoneBeforeFirstReading = readings.isEmpty();
  }

  @Override
  public void reading(Reading r) {
    readings.add(r);
    all.add(r);
  }

  @Override
  public void log(LogEvent e) {
    logs.add(e);
    all.add(e);
  }

  @Override
  public void image(ImageMeta meta, byte[] bytes) {
    images.add(meta);
    imageBytes.add(bytes);
    all.add(meta);
  }
}
