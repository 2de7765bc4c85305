package smarthome.producer.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import smarthome.common.devices.Device;
import smarthome.common.readings.Reading;

/**
 * One simulated device: its metadata, its signal model and its own random stream, so what one
 * device emits never depends on how the others are interleaved (the same seed, the same events).
 */
final class SimDevice {
  final Device device;
  final Random rng;
  final SignalModel signal;
  private final long seed;
  private long sequence;
  private Instant last = Instant.EPOCH;

  SimDevice(Device device, long seed) {
    this.device = device;
    this.seed = seed;
    this.rng = new Random(seed);
    this.signal = SignalModel.of(device.deviceType(), rng);
  }

  String id() {
    return device.deviceId();
  }

  /** The next reading at {@code t}, never at or before the previous one's millisecond. */
  Reading reading(Instant t) {
    if (!t.isAfter(last)) {
      t = last.plusMillis(1);
    }
    double hoursSinceLast = last == Instant.EPOCH ? 0 : (t.toEpochMilli() - last.toEpochMilli()) / 3.6e6;
    last = t;
    return new Reading(eventId("reading", t), id(), device.deviceType(), t,
        signal.next(t, hoursSinceLast, rng));
  }

  /**
   * Deterministic event ids: derived from the seed, the device, the kind, the time and a sequence,
   * so a replay of the same run republishes the same ids (the stores ignore them), while another
   * window or seed gets new ones.
   */
  UUID eventId(String kind, Instant t) {
    String name = seed + "/" + id() + "/" + kind + "/" + t.toEpochMilli() + "/" + (sequence++);
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
