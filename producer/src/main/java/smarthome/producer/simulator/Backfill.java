package smarthome.producer.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Random;
import smarthome.common.devices.DeviceType;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;
import smarthome.common.logs.LogEvent;

/**
 * The seed service's generate-and-store data set, stamped in the past: every device's metadata,
 * one reading per interval over the window, a fixed number of logs per device at random steps,
 * and a few snapshots per camera. Events go out time-major (all devices at one step, then the
 * next), as a house would have sent them.
 */
public final class Backfill {
  private Backfill() {}

  public record Plan(Duration window, Duration interval, int logsPerDevice, int imagesPerCamera,
      Instant end) {
    public Plan {
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive");
      }
      if (window.compareTo(interval) < 0) {
        throw new IllegalArgumentException("the window must be at least one interval");
      }
      if (logsPerDevice < 0 || imagesPerCamera < 0) {
        throw new IllegalArgumentException("counts must not be negative");
      }
    }

    public long steps() {
      return window.toMillis() / interval.toMillis();
    }
  }

  /** Emits the whole data set into {@code out}. */
  public static void run(Fleet fleet, Plan plan, Events out) {
    for (SimDevice d : fleet.simDevices()) {
      out.device(d.device);
    }
    out.devicesDone();
    int n = fleet.size();
    long steps = plan.steps();
    if (steps > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many steps");
    }
    BitSet[] logSteps = new BitSet[n];
    BitSet[] imageSteps = new BitSet[n];
    long[] phase = new long[n];
    for (int i = 0; i < n; i++) {
      SimDevice d = fleet.simDevices().get(i);
      Random r = new Random(d.rng.nextLong());
      phase[i] = (long) (r.nextDouble() * plan.interval().toMillis());
      logSteps[i] = pick(r, (int) steps, plan.logsPerDevice());
      imageSteps[i] = d.device.deviceType() == DeviceType.CAMERA
          ? pick(r, (int) steps, plan.imagesPerCamera()) : new BitSet();
    }
    Instant start = plan.end().minus(plan.window());
    long interval = plan.interval().toMillis();
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < n; i++) {
        SimDevice d = fleet.simDevices().get(i);
        // the newest step may end up to one interval before `end`, never after it
        Instant t = start.plusMillis((s + 1) * interval - phase[i]);
        out.reading(d.reading(t));
        if (logSteps[i].get(s)) {
          LogEvent e = LogGenerator.next(d, t.plusMillis(1 + d.rng.nextInt(1000)));
          out.log(e);
        }
        if (imageSteps[i].get(s)) {
          emitImage(d, t, out);
        }
      }
    }
  }

  static void emitImage(SimDevice d, Instant t, Events out) {
    ImageType type = d.rng.nextInt(4) == 0 ? ImageType.PNG : ImageType.JPEG;
    byte[] bytes = ImageGenerator.snapshot(d.id(), t, d.rng, type);
    ImageMeta meta = new ImageMeta(d.eventId("image", t), d.id(), type, t,
        Images.sha256Hex(bytes), "snapshot-" + t.toEpochMilli() + "." + type.extension());
    out.image(meta, bytes);
  }

  /** {@code k} distinct step indices out of {@code steps} (all of them when k >= steps). */
  private static BitSet pick(Random r, int steps, int k) {
    BitSet b = new BitSet(steps);
    if (k >= steps) {
      b.set(0, steps);
      return b;
    }
    while (b.cardinality() < k) {
      b.set(r.nextInt(steps));
    }
    return b;
  }
}
