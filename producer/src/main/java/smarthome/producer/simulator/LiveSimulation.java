package smarthome.producer.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import smarthome.common.devices.DeviceType;

/**
 * Live traffic at a steady rate: readings round-robin over the fleet stamped with the wall clock,
 * about one log per {@code logEvery} readings, and a snapshot per camera every
 * {@code imageEvery} (zero disables). Runs until the duration ends or {@code stop} says so.
 */
public final class LiveSimulation {
  private LiveSimulation() {}

  public record Options(double ratePerSecond, Duration duration, int logEvery, Duration imageEvery) {}

  /** @return the number of readings emitted */
  public static long run(Fleet fleet, Options o, Clock clock, BooleanSupplier stop, Events out)
      throws InterruptedException {
    List<SimDevice> devices = fleet.simDevices();
    for (SimDevice d : devices) {
      out.device(d.device);
    }
    out.devicesDone();
    int n = devices.size();
    long startNanos = System.nanoTime();
    long endNanos = startNanos + o.duration().toNanos();
    boolean unlimited = Double.isInfinite(o.ratePerSecond());
    boolean images = !o.imageEvery().isZero();
    long[] nextImage = new long[n];
    java.util.Arrays.fill(nextImage, startNanos);
    long emitted = 0;
    int next = 0;
    while (!stop.getAsBoolean()) {
      long now = System.nanoTime();
      if (now - endNanos >= 0) {
        break;
      }
      long due = unlimited ? emitted + 1024 : (long) ((now - startNanos) / 1e9 * o.ratePerSecond());
      if (due <= emitted) {
        Thread.sleep(1);
        continue;
      }
      Instant t = clock.instant();
      while (emitted < due) {
        int i = next;
        next = (next + 1) % n;
        SimDevice d = devices.get(i);
        out.reading(d.reading(t));
        emitted++;
        if (o.logEvery() > 0 && emitted % o.logEvery() == 0) {
          out.log(LogGenerator.next(d, t));
        }
        if (images && d.device.deviceType() == DeviceType.CAMERA && now - nextImage[i] >= 0) {
          nextImage[i] = now + o.imageEvery().toNanos();
          Backfill.emitImage(d, t, out);
        }
      }
    }
    return emitted;
  }
}
