package smarthome.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.influxdb.dto.QueryResult;
import smarthome.common.devices.DeviceType;
import smarthome.common.images.ImageMeta;
import smarthome.common.images.ImageType;
import smarthome.common.images.Images;
import smarthome.common.logs.LogEvent;
import smarthome.common.logs.LogLevel;
import smarthome.common.readings.Reading;
import smarthome.producer.publish.Publisher;
import smarthome.producer.publish.PublisherOptions;
import smarthome.producer.simulator.Backfill;
import smarthome.producer.simulator.Fleet;
import smarthome.producer.simulator.Progress;
import smarthome.producer.simulator.PublishingEvents;

/** The delivery scenarios: kill -9, store outages, a broker restart, a rebalance. */
final class Scenarios {
  private final Harness h;
  private final boolean quick;

  Scenarios(Harness h, boolean quick) {
    this.h = h;
    this.quick = quick;
  }

  Publisher publisher(String id) {
    return Publisher.create(h.stack.kafka(), PublisherOptions.defaults(id));
  }

  long backfill(String prefix, int devices, int minutes, List<DeviceType> mix) {
    Instant end = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
    try (Publisher p = publisher("faults-backfill")) {
      PublishingEvents e = new PublishingEvents(p, Progress.none());
      Backfill.run(Fleet.create(devices, prefix, mix, Fleet.defaultLocations(), prefix.hashCode(), end),
          new Backfill.Plan(Duration.ofMinutes(minutes), Duration.ofMinutes(1), 0, 0, end), e);
      p.flush();
      return e.counts().readings();
    }
  }

  long points(String prefix) {
    return h.stores.points(prefix);
  }

  /** 1. kill -9 of the readings worker three times during the run, restarted each time. */
  Outcome killWorker() throws Exception {
    String prefix = Harness.prefix("kill");
    int devices = 100;
    long sent = backfill(prefix, devices, (quick ? 150_000 : 500_000) / devices,
        List.of(DeviceType.THERMOSTAT, DeviceType.SMART_PLUG));
    Harness.Worker w = h.worker("readings", "faults");
    int kills = 0;
    for (int k = 1; k <= 3; k++) {
      long target = sent * k / 4;
      Harness.until(Duration.ofMinutes(3), () -> points(prefix) >= target);
      w.proc().kill9();
      kills++;
      w = h.worker("readings", "faults");
    }
    Harness.Worker last = w;
    double recover = Harness.until(Duration.ofMinutes(5), () -> points(prefix) >= sent);
    Harness.graceForLateWrites(Duration.ofSeconds(2));
    long stored = points(prefix);
    last.close();
    return Outcome.of("kill -9 worker x" + kills, sent, stored, recover, recover >= 0,
        "readings; restarted after each kill");
  }

  /** 2. A store stopped mid-run while events keep coming; everything stored after it returns. */
  Outcome outage(String server, String sink) throws Exception {
    String prefix = Harness.prefix(server.substring(0, 2) + "out");
    int seconds = quick ? 10 : 30;
    try (Harness.Worker w = h.worker(sink, "faults"); Publisher p = publisher("faults-" + server)) {
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong sent = new AtomicLong();
      Thread traffic = new Thread(() -> publish(p, sink, prefix, stop, sent), "traffic");
      traffic.start();
      Thread.sleep(5000); // traffic flows before the fault
      h.stackCommand("stop", server);
      Thread.sleep(seconds * 1000L); // the outage
      boolean survived = w.proc().alive();
      h.stackCommand("start", server);
      // recovered: everything sent until the store came back is stored (traffic goes on meanwhile)
      long sentByReturn = sent.get();
      double recover = Harness.until(Duration.ofSeconds(90), () -> stored(sink, prefix) >= sentByReturn);
      Thread.sleep(2000); // traffic goes on a little after the recovery
      stop.set(true);
      traffic.join();
      p.flush();
      long total = sent.get();
      Harness.until(Duration.ofSeconds(90), () -> stored(sink, prefix) >= total);
      Harness.graceForLateWrites(Duration.ofSeconds(1));
      long stored = stored(sink, prefix);
      boolean inTime = stored == total && recover >= 0 && recover <= 60;
      return Outcome.of(server + " down " + seconds + " s", total, stored, recover, survived && inTime,
          sink + (survived ? "; worker never exited" : "; worker EXITED"));
    }
  }

  private long stored(String sink, String prefix) throws Exception {
    return switch (sink) {
      case "readings" -> points(prefix);
      case "logs" -> h.stores.logs(prefix);
      default -> h.stores.images(prefix);
    };
  }

  /** Publishes the sink's kind of event steadily until told to stop, counting each one sent. */
  private void publish(Publisher p, String sink, String prefix, AtomicBoolean stop, AtomicLong sent) {
    byte[] image = tinyPng();
    long i = 0;
    Instant start = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
    while (!stop.get()) {
      String device = prefix + (i % 10);
      Instant t = start.plusMillis(i * 10);
      switch (sink) {
        case "readings" -> p.reading(new Reading(UUID.randomUUID(), device, DeviceType.DOOR_LOCK, t,
            Map.of("locked", i % 2 == 0, "battery_level", 50.0)));
        case "logs" -> p.log(new LogEvent(UUID.randomUUID(), device, t, LogLevel.INFO, "tick", "tick " + i));
        default -> p.image(new ImageMeta(UUID.randomUUID(), device, ImageType.PNG, t, Images.sha256Hex(image),
            "f.png"), image);
      }
      sent.incrementAndGet();
      i++;
      try {
        Thread.sleep(sink.equals("images") ? 200 : 5);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  static byte[] tinyPng() {
    return new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  }

  /** 3. The broker stopped and restarted while publishing: every acknowledged send is stored. */
  Outcome kafkaRestart() throws Exception {
    String prefix = Harness.prefix("kafka");
    int seconds = quick ? 10 : 30;
    double recover;
    AckedTraffic t;
    try (Harness.Worker w = h.worker("readings", "faults")) {
      t = new AckedTraffic(h, prefix, "faults-kafka");
      try (AckedTraffic traffic = t) {
        Thread.sleep(5000); // traffic flows before the fault
        h.stackCommand("stop", "kafka");
        Thread.sleep(seconds * 1000L); // the outage
        h.stackCommand("start", "kafka");
        recover = untilAcknowledgedStored(traffic);
        Thread.sleep(2000); // traffic goes on a little after the recovery
      }
      Harness.until(Duration.ofSeconds(120), () -> points(prefix) >= t.acked.size());
    }
    long storedOfAcked = storedAmong(prefix, t.acked);
    long stored = points(prefix);
    return new Outcome("kafka down " + seconds + " s", t.acked.size(), storedOfAcked, t.acked.size() - storedOfAcked,
        0, recover, storedOfAcked == t.acked.size(), t.sent.get() + " sends, " + t.acked.size()
        + " acknowledged, " + t.failed.get() + " failed to the client, " + stored + " stored in all");
  }

  /** Seconds until every send made so far is stored or failed to the client, or -1. */
  double untilAcknowledgedStored(AckedTraffic t) throws InterruptedException {
    long sentByNow = t.sent.get();
    return Harness.until(Duration.ofSeconds(120), () -> points(t.prefix) >= sentByNow - t.failed.get());
  }

  /** How many of the acknowledged (device@millis) points InfluxDB holds. */
  long storedAmong(String prefix, Set<String> acked) {
    List<QueryResult.Series> series = h.stores.influxQuery("SELECT battery_level FROM sensor_data WHERE device_id =~ /^"
        + prefix + "/ GROUP BY device_id").getResults().get(0).getSeries();
    long n = 0;
    for (QueryResult.Series s : series == null ? List.<QueryResult.Series>of() : series) {
      String device = s.getTags().get("device_id");
      for (List<Object> row : s.getValues()) {
        if (acked.contains(device + "@" + ((Number) row.get(0)).longValue())) {
          n++;
        }
      }
    }
    return n;
  }

  /** 4. A second worker joins and then the first leaves, mid-run. */
  Outcome rebalance() throws Exception {
    String prefix = Harness.prefix("rebal");
    long sent = backfill(prefix, 100, (quick ? 120_000 : 400_000) / 100,
        List.of(DeviceType.MOTION_SENSOR, DeviceType.CAMERA));
    Harness.Worker a = h.worker("readings", "faults");
    Harness.until(Duration.ofMinutes(3), () -> points(prefix) >= sent / 4);
    Harness.Worker b = h.worker("readings", "faults");
    Harness.until(Duration.ofMinutes(3), () -> points(prefix) >= sent * 6 / 10);
    a.close(); // SIGTERM: it leaves the group
    long left = System.nanoTime();
    double recover = Harness.until(Duration.ofMinutes(5), () -> points(prefix) >= sent);
    double sinceLeave = (System.nanoTime() - left) / 1e9;
    Harness.graceForLateWrites(Duration.ofSeconds(2));
    long stored = points(prefix);
    b.close();
    return Outcome.of("rebalance join+leave", sent, stored, recover < 0 ? -1 : sinceLeave, recover >= 0,
        "second worker joined at 25 %, first left at 60 %");
  }
}
